"""Wire contracts of the test-management platform: testsuite.v1 protos and their Python side.

- `tcm_contracts.generated.testsuite.v1`: betterproto2 messages (`python -m tcm_contracts.codegen`
  regenerates them).
- `tcm_contracts.servicers` + `tcm_contracts.service_handlers.add_servicer`: the server side for grpc.aio.
- `tcm_contracts.client`: typed async clients.
- `tcm_contracts.reflection`: the descriptor pool and service names for server reflection.

This module imports nothing, so that the code generator runs even when the generated code is broken.
"""
