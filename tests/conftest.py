"""Shared fixtures: paths to the project's own examples and to the third-party gold data (may be absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SHARED_EXAMPLE = SHARED / "examples" / "reuters-idlib-2019-07-18.md"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def shared_example() -> Path:
    """The canonical Reuters example from ../shared (third-party: read there, never copied)."""
    if not SHARED_EXAMPLE.exists():
        pytest.skip(f"{SHARED_EXAMPLE} is absent")
    return SHARED_EXAMPLE
