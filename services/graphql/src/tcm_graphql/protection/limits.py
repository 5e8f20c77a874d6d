"""The numbers of the issue's protection requirements, in one place."""

MAX_DEPTH = 6
MAX_ALIASES = 15
MAX_TOKENS = 1000
# A page of 100 suites with their groups and cases costs about 11,000 (protection/cost.py).
MAX_COST = 20_000
# Operations that could answer more objects than this take turns, HEAVY_AT_ONCE at a time: the process
# runs one operation at a time anyway (one thread), but interleaved at their database reads, eight big
# answers were all held in memory at once (docs/decisions/0016).
HEAVY_COST = 1_000
HEAVY_AT_ONCE = 1
MAX_BODY_BYTES = 100_000
DOCUMENT_CACHE_SIZE = 500
