"""Field names as the APIs spell them in error details.

The domain names fields in camelCase (`estimatedEndDate`); a few use cases (auth) name them the Python
way (`new_password`), and clients know them only by the API's name.
"""

from __future__ import annotations


def api_field_name(name: str) -> str:
    """`new_password` -> `newPassword`; names already in camelCase stay as they are."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
