"""A CI release gate over gRPC: passes when a test suite is far enough along, inside one trace.

    TCM_GRPC_TARGET=tcm.example.com:50051 TCM_API_TOKEN=tcm_... TCM_ENVIRONMENT=production \\
        python -m tcm_examples.release_gate <suite id> [--min-progress 100]

Exit code 0: the suite's progress reaches the minimum (the pipeline may release); 1: it does not (the
unfinished cases are listed); 2: misconfigured, refused or unreachable. The output ends with the trace id,
under which X-Ray (or any OTLP backend, with OTEL_EXPORTER_OTLP_ENDPOINT set) shows the gate's call, the
gRPC service's handling of it and its SQL statements as one trace.
"""

VERSION = "1.0.0"
