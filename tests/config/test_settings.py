"""Production refuses unsafe settings."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import DEFAULT_SECRET_KEY
from config.settings.checks import check_production_settings
from tests.support.paden import ROOT

GOOD_KEY = "x" * 50


@pytest.mark.parametrize(
    ("debug", "key", "hosts", "fragment"),
    [
        (True, GOOD_KEY, ["loket.denhelder.nl"], "DEBUG"),
        (False, DEFAULT_SECRET_KEY, ["loket.denhelder.nl"], "SECRET_KEY"),
        (False, "", ["loket.denhelder.nl"], "SECRET_KEY"),
        (False, GOOD_KEY, [], "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_unsafe_settings(debug, key, hosts, fragment):
    with pytest.raises(ImproperlyConfigured, match=fragment):
        check_production_settings(debug, key, hosts)


def test_production_accepts_safe_settings():
    check_production_settings(False, GOOD_KEY, ["loket.denhelder.nl"])


def _import_production(env):
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_module_will_not_load_without_explicit_settings():
    result = _import_production({})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is leeg" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_module_loads_with_explicit_settings():
    result = _import_production(
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "loket.denhelder.nl", "DEBUG": "false"}
    )
    assert result.returncode == 0, result.stderr
