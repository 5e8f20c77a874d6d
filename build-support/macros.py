# Pants BUILD-file macros (loaded through [GLOBAL].build_file_prelude_globs).


def tcm_service(name, module, port):
    """One deployable service: its PEX and its image, both named for the version in services/<name>/VERSION.

    Pants re-reads VERSION when a BUILD file is parsed; run with --no-pantsd after bumping it.
    """
    version = open(f"services/{name}/VERSION").read().strip()
    pex_binary(
        name="pex",
        entry_point=f"{module}.__main__:main",
        output_path=f"services/{name}/tcm-{name}-{version}.pex",
        env={"TCM_SERVICE_VERSION": version},
        execution_mode="venv",
        tags=["service"],
    )
    # The Dockerfile as a plain file too, for tests that read it (infra/terraform checks the CA bundle path).
    files(name="dockerfile", sources=["Dockerfile"])
    docker_image(
        name="image",
        source="Dockerfile",
        repository=f"tcm/{name}",
        image_tags=[version],
        extra_build_args=[f"SERVICE_VERSION={version}", f"SERVICE_PORT={port}"],
        dependencies=[":pex"],
        tags=["docker"],
    )
