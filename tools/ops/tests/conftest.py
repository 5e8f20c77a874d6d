from ops_harness import aws, environment, moto_endpoint, run_cli  # noqa: F401
