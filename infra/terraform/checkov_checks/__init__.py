"""Project-specific checkov checks, loaded with `--external-checks-dir infra/terraform/checkov_checks`."""
