"""The SPA's Playwright suite (frontend/e2e) against the running stack, in Debian's headless Chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tcm_stackcheck.running_stack import Stack


def run_browser_tests(
    clone: Path, environment: dict[str, str], stack: Stack, *files: str, extra_env: dict[str, str] | None = None
) -> None:
    """Every e2e file, or only `files`; `extra_env` tells the tests about the stack (e.g. its lifetimes)."""
    frontend = clone / "frontend"
    # The stack built the SPA, so its dependencies are installed already.
    result = subprocess.run(
        ["npm", "run", "test:e2e", *(["--", *files] if files else [])],  # noqa: S607
        cwd=frontend,
        env={**environment, "E2E_BASE_URL": stack.edge, **(extra_env or {})},
        check=False,
    )
    assert result.returncode == 0, f"frontend e2e tests failed; screenshots in {frontend / 'e2e-artifacts'}"
