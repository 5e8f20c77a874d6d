"""Example clients of the platform's APIs, as other teams' tools would write them (see tools/examples/README.md)."""
