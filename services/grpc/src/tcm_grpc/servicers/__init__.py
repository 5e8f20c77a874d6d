"""The testsuite.v1 servicers: parse the request, call one use case of the platform, answer messages.

Authorization, validation and every rule live in the use cases; the caller comes from the
authentication interceptor; errors go to `tcm_grpc.errors.abort_with_status`.
"""
