"""The database connection verifies the server: verify-full with the configured CA bundle (the RDS
bundle in AWS), required in production."""

import datetime as dt
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tcm_common.persistence.connection import ssl_context
from tcm_common.settings import SettingsError, SslMode, load_database_settings

PARTS = {
    "TCM_ENVIRONMENT": "production",
    "TCM_DATABASE_HOST": "tcm-production.abc.ap-northeast-1.rds.amazonaws.com",
    "TCM_DATABASE_NAME": "tcm",
    "TCM_DATABASE_USER": "tcm_app_blue",
    "TCM_DATABASE_PASSWORD": "from-ssm",
}


@pytest.fixture
def ca_bundle(tmp_path: Path) -> Path:
    """A CA certificate file standing in for the RDS global bundle (which can't be downloaded here)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test RDS Root CA")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "global-bundle.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def test_verify_full_gives_a_context_that_checks_the_certificate_and_the_host(ca_bundle: Path) -> None:
    settings = load_database_settings(
        {**PARTS, "TCM_DATABASE_SSL_MODE": "verify-full", "TCM_DATABASE_SSL_ROOT_CERT": str(ca_bundle)}
    )
    assert settings.ssl_mode is SslMode.VERIFY_FULL
    context = ssl_context(settings)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True
    # Only the configured bundle is trusted, not the system store.
    trusted = context.get_ca_certs()
    assert len(trusted) == 1
    assert "Test RDS Root CA" in str(trusted[0]["subject"])


@pytest.mark.usefixtures("ca_bundle")
def test_production_refuses_to_start_without_verify_full() -> None:
    for extra in ({}, {"TCM_DATABASE_SSL_MODE": "require"}, {"TCM_DATABASE_SSL_MODE": "disable"}):
        with pytest.raises(SettingsError, match="TCM_DATABASE_SSL_MODE=verify-full is required in production"):
            load_database_settings({**PARTS, **extra})


def test_verify_full_needs_a_readable_bundle(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="TCM_DATABASE_SSL_ROOT_CERT is required"):
        load_database_settings({**PARTS, "TCM_DATABASE_SSL_MODE": "verify-full"})
    missing = tmp_path / "absent.pem"
    with pytest.raises(SettingsError, match="is not a readable file"):
        load_database_settings(
            {**PARTS, "TCM_DATABASE_SSL_MODE": "verify-full", "TCM_DATABASE_SSL_ROOT_CERT": str(missing)}
        )


def test_development_and_tests_keep_their_plain_database_url() -> None:
    settings = load_database_settings(
        {"TCM_ENVIRONMENT": "development", "TCM_DATABASE_URL": "postgresql://postgres@/postgres?host=/tmp/pg"}
    )
    assert settings.ssl_mode is None
    assert ssl_context(settings) is None
    required = load_database_settings(
        {"TCM_ENVIRONMENT": "test", "TCM_DATABASE_URL": "postgresql://x@db/tcm", "TCM_DATABASE_SSL_MODE": "require"}
    )
    context = ssl_context(required)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_NONE
    with pytest.raises(SettingsError, match=r"is not one of disable\|require\|verify-full"):
        load_database_settings({**PARTS, "TCM_DATABASE_SSL_MODE": "prefer"})
