"""The house plan holds: the import-linter contracts in pyproject.toml pass on the code as it is, and a
wrong import (a lower layer reaching up) fails the check with the broken rule named."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PAKKETTEN = ["kern", "kaartlagen", "toepasbare_regels", "loket", "dso_koppeling", "config", "dev"]


def lint_imports(map_: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", str(map_ / "pyproject.toml")],
        cwd=map_,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(map_)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def kopie(tmp_path) -> Path:
    """The packages and the contracts, copied so that a test may break them."""
    for pakket in PAKKETTEN:
        shutil.copytree(ROOT / pakket, tmp_path / pakket, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_on_the_code_as_it_is(kopie):
    uit = lint_imports(kopie)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "0 broken" in uit.stdout


@pytest.mark.parametrize(
    ("module", "verkeerde_import", "regel"),
    [
        # The kernel reaching up into the data layer.
        ("kern/crs.py", "import kaartlagen.zoeken", "Lagen: kern <- kaartlagen"),
        # The data layer reaching up into the adapters.
        ("kaartlagen/zoeken.py", "import dso_koppeling.client", "Lagen: kern <- kaartlagen"),
        # Product code using development code (samples are not in the wheel).
        ("loket/meldingen/services.py", "import dev.sample.meldingen", "Lagen: kern <- kaartlagen"),
        # The zaak core reaching up into an app built on it.
        ("loket/zaken/services.py", "import loket.meldingen.services", "loket: de zaakkern"),
        # The pure STTR engine reaching for Django.
        ("toepasbare_regels/sttr/engine.py", "import django.db", "toepasbare_regels.sttr is puur Python"),
        # An HTML page taking its logic from a DRF module.
        ("loket/meldingen/backoffice.py", "import loket.meldingen.api_backoffice", "HTML-pagina's"),
    ],
)
def test_a_wrong_import_fails_with_the_broken_rule_named(kopie, module, verkeerde_import, regel):
    pad = kopie / module
    pad.write_text(pad.read_text() + f"\n{verkeerde_import}  # noqa\n")
    uit = lint_imports(kopie)
    assert uit.returncode != 0
    # The report lists the broken contracts by name, each with the import that broke it.
    gebroken = " ".join(uit.stdout.split("Broken contracts", 1)[-1].split())
    assert gebroken.startswith(f"---------------- {regel}"), uit.stdout
    bron, doel = module.removesuffix(".py").replace("/", "."), verkeerde_import.split()[1]
    # External packages (django) are named by their top-level package.
    assert f"{bron} -> {doel}" in gebroken or f"{bron} -> {doel.split('.')[0]} (" in gebroken, gebroken
