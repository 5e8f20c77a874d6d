"""Where the API lives, for routers and for the Location of created resources."""

API_PREFIX = "/api/v1"


def location(collection: str, identifier: object) -> str:
    return f"{API_PREFIX}/{collection}/{identifier}"
