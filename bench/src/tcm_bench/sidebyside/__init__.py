"""The side-by-side benchmark (issue 18): our REST and gRPC services against peers doing the same reads
(`tcm_bench.peers`) on the same seeded database, with ratios written to bench/RESULTS.md."""
