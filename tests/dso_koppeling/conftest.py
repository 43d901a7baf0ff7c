"""Fixtures of the dso_koppeling tests. The mock knooppunt (`knooppunt`) is in tests/conftest.py, our
client for it in tests/support/knooppunt.py: the mock's own tests in tests/dev/ use them too."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
