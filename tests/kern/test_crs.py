"""One module owns the EPSG codes: kern/crs.py."""

import re

from tests.support.paden import ROOT


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
