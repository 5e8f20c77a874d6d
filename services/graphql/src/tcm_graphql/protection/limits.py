"""The numbers of the issue's protection requirements, in one place."""

MAX_DEPTH = 6
MAX_ALIASES = 15
MAX_TOKENS = 1000
# A page of 100 suites with their groups and cases costs about 11,000 (protection/cost.py).
MAX_COST = 20_000
MAX_BODY_BYTES = 100_000
DOCUMENT_CACHE_SIZE = 500
