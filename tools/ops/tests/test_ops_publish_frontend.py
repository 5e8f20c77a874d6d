"""`publish-frontend`: cache headers and content types in S3, index last, one invalidation, stale files
deleted only after the invalidation (all against moto)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import boto3
import pytest
from ops_harness import ACCOUNT, ENV, CallRecorder, CliRun, Environment, FakeRunner, client, recording_session

from tcm_ops.frontend_files import is_hashed_asset
from tcm_ops.process import CommandResult

BUCKET = f"tcm-{ENV}-frontend-{ACCOUNT}"
BUILD = {
    "index.html": "<!doctype html><script type=module src=/assets/index-B7xq2LmZ.js></script>",
    "assets/index-B7xq2LmZ.js": "console.log('app')",
    "assets/index-Cq9_aT-3.css": "body{}",
    "assets/logo-D4e5F6g7.svg": "<svg/>",
    "favicon.ico": "ico",
    "robots.txt": "User-agent: *",
}
IMMUTABLE = "public, max-age=31536000, immutable"


def frontend_runner(frontend: Path) -> FakeRunner:
    """`npm ci` and `npm run build` as processes; the build writes dist/ like Vite does."""

    def build(_args: list[str], _env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        for name, text in BUILD.items():
            path = frontend / "dist" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return CommandResult(0, "vite build done\n")

    runner = FakeRunner()
    runner.on(["npm", "ci"], CommandResult(0, "added 300 packages\n"))
    runner.on(["npm", "run", "build"], build)
    return runner


def test_publish_sets_cache_headers_and_creates_one_invalidation(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    frontend = environment.repo_root / "frontend"
    frontend.mkdir()
    (frontend / "package.json").write_text("{}")
    s3 = client("s3")
    s3.put_object(Bucket=BUCKET, Key="index.html", Body=b"old index", CacheControl="no-cache")
    s3.put_object(Bucket=BUCKET, Key="assets/index-OldOld12.js", Body=b"old", CacheControl=IMMUTABLE)
    recorder = CallRecorder()
    runner = frontend_runner(frontend)

    result = run_cli("publish-frontend", runner=runner, session_factory=lambda: recording_session(recorder))

    assert result.code == 0, result.output
    assert runner.calls == [["npm", "ci"], ["npm", "run", "build"]]
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == sorted(BUILD)
    expected = {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "assets/index-B7xq2LmZ.js": ("text/javascript; charset=utf-8", IMMUTABLE),
        "assets/index-Cq9_aT-3.css": ("text/css; charset=utf-8", IMMUTABLE),
        "assets/logo-D4e5F6g7.svg": ("image/svg+xml", IMMUTABLE),
        "favicon.ico": ("image/x-icon", "no-cache"),
        "robots.txt": ("text/plain; charset=utf-8", "no-cache"),
    }
    for key, (content_type, cache_control) in expected.items():
        head = s3.head_object(Bucket=BUCKET, Key=key)
        assert (head["ContentType"], head["CacheControl"]) == (content_type, cache_control), key
    assert s3.get_object(Bucket=BUCKET, Key="index.html")["Body"].read().decode() == BUILD["index.html"]

    distribution = environment.outputs["cloudfront_distribution_id"]
    invalidations = client("cloudfront", "us-east-1").list_invalidations(DistributionId=distribution)
    assert invalidations["InvalidationList"]["Quantity"] == 1

    # Order: every other file before index.html, the invalidation after index.html, deletes at the end.
    sequence = [
        (op, params.get("Key", ""))
        for svc, op, params in recorder.calls
        if op in {"PutObject", "CreateInvalidation", "GetInvalidation", "DeleteObjects"}
    ]
    puts = [key for op, key in sequence if op == "PutObject"]
    assert puts[-1] == "index.html"
    assert sorted(puts) == sorted(BUILD)
    assert all(is_hashed_asset(k) for k in puts[:3])
    operations = [op for op, _ in sequence]
    assert operations.index("CreateInvalidation") > len(puts) - 1
    assert operations[-1] == "DeleteObjects"
    assert operations.index("DeleteObjects") > max(
        i for i, op in enumerate(operations) if op == "GetInvalidation"
    )
    assert "deleted assets/index-OldOld12.js" in result.output


def test_publish_keep_stale_and_skip_build(environment: Environment, run_cli: Callable[..., CliRun]) -> None:
    dist = environment.repo_root / "frontend" / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>")
    (dist / "assets" / "app-1a2b3c4d.js").write_text("x")
    client("s3").put_object(Bucket=BUCKET, Key="assets/old-9z8y7x6w.js", Body=b"old")

    result = run_cli("publish-frontend", "--skip-build", "--keep-stale", session_factory=boto3.Session)

    assert result.code == 0, result.output
    keys = {o["Key"] for o in client("s3").list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {"index.html", "assets/app-1a2b3c4d.js", "assets/old-9z8y7x6w.js"}


@pytest.mark.usefixtures("environment")
def test_publish_without_a_build_says_so(run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("publish-frontend", "--skip-build")

    assert result.code == 1
    assert "index.html does not exist: build the frontend first" in result.output


def test_hashed_asset_detection() -> None:
    assert is_hashed_asset("assets/index-B7xq2LmZ.js")
    assert is_hashed_asset("assets/vendor-react-Cq9_aT-3.js")
    assert not is_hashed_asset("index.html")
    assert not is_hashed_asset("assets/logo.svg")
    assert not is_hashed_asset("favicon-B7xq2LmZ.ico")  # hashed name, but outside Vite's assets directory
