"""manage.py check_regels: files, folders and zips (in zips); a bad file does not stop the run; a
summary with counts and seconds; exit code 1 when there are errors."""

import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.support.paden import ROOT, shared_data
from tests.toepasbare_regels.sttr.test_controle import SCHOON, _geo
from tests.toepasbare_regels.sttr.test_parser import TOEPASBARE_REGELS

OVERLAP = SCHOON.replace(b"&gt;= 10", b"&gt;= 5", 1)
GAT = SCHOON.replace(b"&lt; 10", b"&lt; 5")


def _run(*args) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_regels", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def levering(tmp_path):
    (tmp_path / "schoon.dmn").write_bytes(SCHOON)
    (tmp_path / "kapot.dmn").write_bytes(b"<dmn:definitions")
    (tmp_path / "leesmij.txt").write_text("geen regels")
    binnen = io.BytesIO()
    with zipfile.ZipFile(binnen, "w") as zf:
        zf.writestr("gat.dmn", GAT)
    with zipfile.ZipFile(tmp_path / "levering.zip", "w") as zf:
        zf.writestr("Conclusie/overlap.DMN", OVERLAP)
        zf.writestr("manifest.xml", "<manifest/>")
        zf.writestr("binnen.zip", binnen.getvalue())
    return tmp_path


def test_a_folder_with_zips_is_checked_file_by_file(levering):
    out, _, fout = _run(levering)
    assert fout is not None and str(fout) == "2 fout(en) gevonden"
    koppen = [r for r in out.splitlines() if not r.startswith("  ")]
    assert koppen[:4] == [
        f"{levering / 'kapot.dmn'}: 1 × fout",
        "levering.zip!Conclusie/overlap.DMN: 1 × fout",
        "levering.zip!binnen.zip!gat.dmn: 1 × waarschuwing",
        f"{levering / 'schoon.dmn'}: geen bevindingen",
    ]
    assert "  FOUT         bestand.onleesbaar" in out
    assert "regel.overlap" in out and "besluit 'Uitkomst' › regel 2 (B1_r2)" in out
    assert re.search(
        r"^check_regels: 4 bestand\(en\), 2 fout\(en\), 1 waarschuwing\(en\), 0 info in \d+\.\d\d s$",
        out,
        re.M,
    )


def test_a_clean_file_passes(levering):
    out, _, fout = _run(levering / "schoon.dmn")
    assert fout is None
    assert out.splitlines()[-1].startswith("check_regels: 1 bestand(en), 0 fout(en), 0 waarschuwing(en)")


def test_warnings_alone_do_not_fail(tmp_path):
    (tmp_path / "gat.dmn").write_bytes(GAT)
    out, _, fout = _run(tmp_path)
    assert fout is None
    assert "0 fout(en), 1 waarschuwing(en)" in out


def test_json_output(levering):
    out, _, _ = _run(levering, "--json")
    bevindingen = json.loads(out[: out.rindex("check_regels:")])
    assert {b["code"] for b in bevindingen} == {"bestand.onleesbaar", "regel.overlap", "tabel.gat"}
    overlap = next(b for b in bevindingen if b["code"] == "regel.overlap")
    assert (overlap["bestand"], overlap["besluit"], overlap["regel"], overlap["ernst"]) == (
        "levering.zip!Conclusie/overlap.DMN",
        "Uitkomst",
        2,
        "fout",
    )


def test_missing_paths_and_folders_without_rules(tmp_path):
    assert "bestaat niet" in str(_run(tmp_path / "nergens")[2])
    (tmp_path / "x.txt").write_text("x")
    assert "geen .dmn-bestanden" in str(_run(tmp_path)[2])


def test_exit_code_is_one_on_errors(levering):
    def draai(pad):
        return subprocess.run(
            [sys.executable, "manage.py", "check_regels", str(pad)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    assert draai(levering / "kapot.dmn").returncode == 1
    assert draai(levering / "schoon.dmn").returncode == 0


@pytest.mark.conformance
def test_the_geonovum_files_have_no_errors():
    out, _, fout = _run(shared_data(TOEPASBARE_REGELS))
    assert fout is None, out
    assert "check_regels: 3 bestand(en), 0 fout(en)" in out
    # the Indieningsvereisten file never answers "not complete" when stamomtrek is left empty
    assert (
        "besluit 'conv stamomtrek': 1 van de 2 te onderscheiden combinaties valt onder geen enkele regel"
        in out
    )


@pytest.mark.django_db
def test_locaties_uit_db(tmp_path):
    pad = tmp_path / "geo.dmn"
    pad.write_bytes(_geo("nl.imow-gm0400.gebied.BestaatNiet"))
    out, err, fout = _run(pad, "--locaties-uit-db")
    if apps.is_installed("toepasbare_regels.omgevingsplan"):
        # an empty plan knows no locatie
        assert fout is not None and "locatie.onbekend" in out
    else:
        assert fout is None
        assert "niet beschikbaar" in err


def test_the_sample_rules_have_no_findings(tmp_path):
    from dev.sample.toepasbare_regels import bestanden
    from toepasbare_regels.sttr.controle import controleer_bestand

    for naam, inhoud in bestanden().items():
        if naam.endswith(".dmn"):
            assert controleer_bestand(inhoud, naam) == [], naam
