"""Where things are: the project itself, and the real deliveries in ../shared/data."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A real delivery from ../shared/data, or a skip that says exactly what is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"echte levering {path} ontbreekt (../shared/data staat niet naast het project)")
    return path
