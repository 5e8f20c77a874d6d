"""The gRPC API of the platform (grpc.aio, package testsuite.v1)."""
