"""gRPC glue shared by the gRPC service and its callers.

- channel.py: `traced_clients(target, token=...)`, the typed testsuite.v1 clients over a channel whose
  calls continue the caller's trace (another service, a CI job).
- access_log.py: `AccessLogInterceptor`, the server's JSON access-log line and latency measurement per call.
"""
