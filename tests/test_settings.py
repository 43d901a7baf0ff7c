"""Production refuses unsafe settings; one module owns the EPSG codes."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import DEFAULT_SECRET_KEY
from config.settings.checks import check_production_settings

ROOT = Path(__file__).resolve().parent.parent
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


def test_no_bare_epsg_numbers_outside_the_crs_module():
    pattern = re.compile(r"\b(28992|4326|3857)\b")
    offenders = []
    for folder in ("loket", "kaartlagen", "toepasbare_regels", "dso_koppeling"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "crs.py" or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "EPSG-codes horen alleen in kern/crs.py:\n" + "\n".join(offenders)
