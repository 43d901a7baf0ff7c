"""Shared fixtures: the real deliveries in ../shared/data and the project's own generated sample."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A real delivery from ../shared/data, or a skip that says exactly what is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"echte levering {path} ontbreekt (../shared/data staat niet naast het project)")
    return path


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The Den Helder sample at scale 1, generated once per test session (deterministic)."""
    from kaartlagen.sample import generate

    out = tmp_path_factory.mktemp("sample")
    generate(out)
    return out
