"""Benchmarks of the platform's performance targets: figures printed, never pass/fail.

    python -m tcm_bench [all|graphql|rest|grpc|writes] [--quick] [--json PATH]

Each run makes a throwaway database on the test PostgreSQL server, seeds it with bulk COPY, starts each
service as its own process (as production does) and drives it from this process.
"""
