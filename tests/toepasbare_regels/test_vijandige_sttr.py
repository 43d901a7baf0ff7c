"""Hostile STTR deliveries (issue 12): each bad file is refused with a code, the database keeps nothing of
it, and the rest of the delivery is imported."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from dev.sample.toepasbare_regels import bestanden
from tests.support.bommen import zip_met
from tests.toepasbare_regels.sttr import dmn
from toepasbare_regels.importing import importeer_pad
from toepasbare_regels.models import ToepasbareRegelBestand, Werkzaamheid
from toepasbare_regels.sttr.parser import MAX_BYTES

pytestmark = pytest.mark.django_db

GOED = "Conclusie Inrit of uitweg aanleggen.dmn"


def _goed() -> bytes:
    return bestanden()[GOED]


def _levering(tmp_path, slecht: dict[str, bytes], methode=zipfile.ZIP_DEFLATED):
    """A zip with one good DMN beside the bad files; returns the import's refusals as {name: code}.
    (Stored, not deflated, where a file would otherwise be refused as a zip bomb first.)"""
    pad = zip_met(tmp_path / "levering.zip", {GOED: _goed(), **slecht}, methode)
    resultaat = importeer_pad(pad)
    assert resultaat.nieuw == 1, resultaat.samenvatting()
    assert list(ToepasbareRegelBestand.objects.values_list("naam", flat=True)) == [GOED[: -len(".dmn")]]
    return {naam.split("!", 1)[1]: code for naam, code, _ in resultaat.fouten}


def _diep_genest(n: int) -> bytes:
    cel = "not(" * n + "true" + ")" * n
    return dmn.enkel("UNIQUE", {"a": "boolean"}, [([cel], '"Vergunningplicht"')])


def test_3000_nested_nots_are_refused_with_a_code(tmp_path):
    assert _levering(tmp_path, {"diep.dmn": _diep_genest(3000)}) == {"diep.dmn": "sttr.feel_te_diep"}


def test_the_refusal_of_a_huge_cell_quotes_only_its_start(tmp_path):
    # 3000 nested not( are 18 000 characters: the message names the cell, it does not repeat it.
    resultaat = importeer_pad(zip_met(tmp_path / "l.zip", {"diep.dmn": _diep_genest(3000)}))
    [(_, code, bericht)] = resultaat.fouten
    assert code == "sttr.feel_te_diep" and "invoercel 1 'not(not(" in bericht
    assert len(bericht) < 400, len(bericht)


def test_check_regels_reports_deep_nesting_and_goes_on(tmp_path):
    zip_met(tmp_path / "l.zip", {"diep.dmn": _diep_genest(3000), GOED: _goed()})
    with pytest.raises(CommandError):
        call_command("check_regels", str(tmp_path / "l.zip"), "--json", stdout=(uit := _Uit()))
    bevindingen = json.loads(uit.tekst[: uit.tekst.rindex("]") + 1])
    diep = [b for b in bevindingen if b["bestand"].endswith("diep.dmn")]
    assert [b["code"] for b in diep] == ["bestand.onleesbaar"] and "sttr.feel_te_diep" in diep[0]["bericht"]
    assert "check_regels: 2 bestand(en)" in uit.tekst


class _Uit:
    def __init__(self):
        self.tekst = ""

    def write(self, s):
        self.tekst += s

    def flush(self):
        pass


def test_a_400_character_name_is_refused_before_the_database(tmp_path):
    lang = dmn.enkel("UNIQUE", {"a": "boolean"}, [(["true"], '"Vergunningplicht"')]).replace(
        b'name="Conclusie test"', b'name="' + b"x" * 400 + b'"'
    )
    assert _levering(tmp_path, {"lang.dmn": lang}) == {"lang.dmn": "sttr.veld_te_lang"}


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("werkzaamheden.json", b'{"urn": "Dakkapel"}'),  # an object, not a list
        ("werkzaamheden.json", b'[{"urn": ["Dakkapel"], "naam": "x"}]'),
        ("werkzaamheden.json", b'["Dakkapel"]'),
        ("nl.imow-gm0400.activiteit.Dakkapel.json", b'["Dakkapel"]'),
        ("nl.imow-gm0400.activiteit.Dakkapel.json", b'{"werkzaamheden": {"urn": "Dakkapel"}}'),
        ("nl.imow-gm0400.activiteit.Dakkapel.json", b'{"werkzaamheden": [{"urn": 5}]}'),
        ("nl.imow-gm0400.activiteit.Dakkapel.json", b'{"werkzaamheden": [' * 100_000),
    ],
)
def test_json_of_the_wrong_shape_is_refused(tmp_path, naam, inhoud):
    codes = _levering(tmp_path, {naam: inhoud}, zipfile.ZIP_STORED)
    assert codes == {naam: "sttr.vorm_onjuist" if inhoud.count(b"[") < 10 else "sttr.te_diep"}
    assert Werkzaamheid.objects.count() == 0


def test_a_database_error_refuses_only_that_file(tmp_path):
    # PostgreSQL text holds no NUL character: the database refuses it, not our checks.
    catalogus = [{"urn": "Dak\u0000kapel", "naam": "Dakkapel", "synoniemen": [], "activiteiten": []}]
    codes = _levering(tmp_path, {"werkzaamheden.json": json.dumps(catalogus).encode()})
    assert codes == {"werkzaamheden.json": "sttr.database"}
    assert Werkzaamheid.objects.count() == 0


OPDRACHT = (
    '<?xml version="1.0" encoding="utf-8"?><opdrachten xmlns="http://toepasbare-regels.omgevingswet.overheid.nl/v1/opdracht.xsd">'
    "<opdracht><toevoegenToepasbareRegels><geldigBegindatum>23-12-2020</geldigBegindatum>"
    "<bestandsnaam>regels.dmn</bestandsnaam></toevoegenToepasbareRegels></opdracht>{extra}</opdrachten>"
)


@pytest.mark.parametrize(
    "extra",
    [
        "<script>alert(1)</script>",
        '<html:script xmlns:html="http://www.w3.org/1999/xhtml">fetch("x")</html:script>',
        "<?php system('id'); ?>",
    ],
)
def test_an_opdracht_with_a_script_is_refused_and_so_is_its_dmn(tmp_path, extra):
    binnen = zip_met(
        tmp_path / "opdracht.zip",
        {
            "opdrachtAanleverenToepasbareRegels.xml": OPDRACHT.format(extra=extra).encode(),
            "regels.dmn": dmn.enkel("UNIQUE", {"a": "boolean"}, [(["true"], '"Vergunningplicht"')]),
        },
    ).read_bytes()
    codes = _levering(tmp_path, {"opdracht.zip": binnen})
    assert codes == {
        "opdracht.zip!opdrachtAanleverenToepasbareRegels.xml": "sttr.opdracht_script",
        "opdracht.zip!regels.dmn": "sttr.opdracht_geweigerd",
    }


def test_a_clean_opdracht_still_dates_its_dmn(tmp_path):
    binnen = zip_met(
        tmp_path / "opdracht.zip",
        {
            "opdrachtAanleverenToepasbareRegels.xml": OPDRACHT.format(extra="").encode(),
            "regels.dmn": dmn.enkel("UNIQUE", {"a": "boolean"}, [(["true"], '"Vergunningplicht"')]),
        },
    ).read_bytes()
    assert importeer_pad(zip_met(tmp_path / "l.zip", {"opdracht.zip": binnen})).nieuw == 1
    assert str(ToepasbareRegelBestand.objects.get().begin_geldigheid) == "2020-12-23"


def test_the_size_refusal_names_the_real_limit(tmp_path):
    groot = _goed() + b" " * MAX_BYTES
    codes = _levering(tmp_path, {"groot.dmn": groot}, zipfile.ZIP_STORED)
    assert codes == {"groot.dmn": "sttr.te_groot"}
    [(_, _, bericht)] = [f for f in importeer_pad(tmp_path / "levering.zip").fouten]
    assert str(MAX_BYTES) in bericht and str(MAX_BYTES + 1) not in bericht


def test_zip_bombs_are_refused_alone(tmp_path, settings):
    settings.UITPAKKEN_DREMPEL = 1 << 16
    binnen = zip_met(tmp_path / "b.zip", {"bom.dmn": bytes(1 << 20)}).read_bytes()
    # 150 members that each unpack to a MiB: before, all of them were held in memory at once.
    veel = {f"lid{n}.dmn": bytes(1 << 20) for n in range(150)}
    codes = _levering(tmp_path, {"binnen.zip": binnen, **veel})
    assert set(codes.values()) == {"uitpakken.verhouding"} and len(codes) == 151


def test_the_command_names_refused_files_and_fails(tmp_path):
    zip_met(tmp_path / "l.zip", {"diep.dmn": _diep_genest(3000), GOED: _goed()})
    with pytest.raises(CommandError, match="1 bestand"):
        call_command("import_sttr", str(tmp_path / "l.zip"), verbosity=0, stdout=(uit := _Uit()))
    assert "sttr.feel_te_diep" in uit.tekst and "1 nieuw" in uit.tekst


def test_nested_zip_in_zip_levels_are_named(tmp_path):
    with zipfile.ZipFile(tmp_path / "kapot.zip", "w") as zf:
        zf.writestr("binnen.zip", b"PK\x03\x04 geen zip")
    codes = _levering(tmp_path, {"kapot.zip": (tmp_path / "kapot.zip").read_bytes()})
    assert codes == {"kapot.zip!binnen.zip": "uitpakken.zip_ongeldig"}
