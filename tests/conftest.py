"""Shared fixtures: where ../shared is (CI has it; a user's clone does not)."""
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "wsws-2016-07-22-aleppo-airstrikes.md"


@pytest.fixture
def shared_sample() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"../shared is absent ({SAMPLE} not found): the canonical sample is not in the repo")
    return SAMPLE
