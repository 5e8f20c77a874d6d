"""Peers of our services for the side-by-side benchmark (`tcm_bench.sidebyside`): small services doing
the same reads on the same database with the same API-token check, each run as its own process
(`python -m tcm_bench.peers.<module>`), configured by the BENCH_PEER_* variables of `settings`."""
