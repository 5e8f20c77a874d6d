"""tcm-report: sends automated test results (JUnit XML) to the platform over gRPC (README.md)."""
