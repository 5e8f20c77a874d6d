"""Use cases: what the services call. Every use case takes the acting Principal and checks the policy."""
