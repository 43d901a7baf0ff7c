"""Regression table per werkzaamheid: a sample address + answers → conclusion, artikel, and the exact
questions asked. The question lists may only get shorter: if a change asks more, this test fails."""

from datetime import date

import pytest
from django.contrib.gis.geos import GEOSGeometry

from tests.toepasbare_regels.vergunningcheck.helpers import adres_in, doorloop
from toepasbare_regels.omgevingsplan.services import regeltekst
from toepasbare_regels.plek import Plek
from toepasbare_regels.vergunningcheck import Check

ART = "gm0400_1__chp_22__art_22."
ACHTER, VOOR = "Achterkant of zijkant, niet aan de straat", "Voorkant of zijkant aan de straat"

GEVALLEN = [
    # (id, plek, werkzaamheid, antwoorden, conclusie, artikel wId, gestelde vragen)
    (
        "dakkapel-monument",
        "monument",
        "DakkapelPlaatsen",
        {},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.3",
        [],
    ),
    (
        "dakkapel-beschermd",
        "beschermd",
        "DakkapelPlaatsen",
        {},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.2",
        [],
    ),
    (
        "dakkapel-achter",
        "gewoon",
        "DakkapelPlaatsen",
        {"dakvlak": "Achterkant", "hoogte": "150", "afstanden": "true"},
        "Toestemmingsvrij",
        ART + "26",
        ["dakvlak", "hoogte", "afstanden"],
    ),
    (
        "dakkapel-voor",
        "gewoon",
        "DakkapelPlaatsen",
        {"dakvlak": "Voorkant"},
        "Vergunningplicht",
        ART + "26",
        ["dakvlak"],
    ),
    (
        "dakkapel-hoog",
        "gewoon",
        "DakkapelPlaatsen",
        {"dakvlak": "Achterkant", "hoogte": "190"},
        "Vergunningplicht",
        ART + "26",
        ["dakvlak", "hoogte"],
    ),
    (
        "aanbouw-achter",
        "gewoon",
        "AanbouwBouwen",
        {"erf": "Achtererf", "hoogte": "3", "oppervlakte": "20"},
        "Toestemmingsvrij",
        ART + "27",
        ["erf", "hoogte", "oppervlakte"],
    ),
    ("aanbouw-monument", "monument", "AanbouwBouwen", {}, "Vergunningplicht", "gm0400_1__chp_5__art_5.3", []),
    (
        "schutting-laag",
        "gewoon",
        "ErfafscheidingPlaatsen",
        {"hoogte": "0.9"},
        "Toestemmingsvrij",
        ART + "28",
        ["hoogte"],
    ),
    (
        "schutting-achter",
        "gewoon",
        "ErfafscheidingPlaatsen",
        {"hoogte": "1.8", "erf": "Achtererf"},
        "Toestemmingsvrij",
        ART + "28",
        ["hoogte", "erf"],
    ),
    (
        "schutting-voor",
        "gewoon",
        "ErfafscheidingPlaatsen",
        {"hoogte": "1.8", "erf": "Voorerf"},
        "Vergunningplicht",
        ART + "28",
        ["hoogte", "erf"],
    ),
    (
        "boom-groot",
        "gewoon",
        "BoomKappen",
        {"fruitboom": "false", "diameter": "30", "gevaar": "false"},
        "Vergunningplicht",
        ART + "33",
        ["fruitboom", "diameter", "gevaar"],
    ),
    (
        "boom-fruit",
        "gewoon",
        "BoomKappen",
        {"fruitboom": "true"},
        "Toestemmingsvrij",
        ART + "33",
        ["fruitboom"],
    ),
    (
        "boom-ziek",
        "gewoon",
        "BoomKappen",
        {"fruitboom": "false", "diameter": "30", "gevaar": "true"},
        "Meldingsplicht",
        ART + "33",
        ["fruitboom", "diameter", "gevaar"],
    ),
    (
        "inrit-nieuw",
        "gewoon",
        "UitwegAanleggen",
        {"vervangen": "false"},
        "Vergunningplicht",
        ART + "30",
        ["vervangen"],
    ),
    (
        "zonnepanelen",
        "gewoon",
        "ZonnepanelenPlaatsen",
        {"binnen_dakvlak": "true"},
        "Toestemmingsvrij",
        ART + "29",
        ["binnen_dakvlak"],
    ),
    (
        "zonnepanelen-gezicht-voor",
        "beschermd",
        "ZonnepanelenPlaatsen",
        {"binnen_dakvlak": "true", "dakvlak": "Voorkant"},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.2",
        ["binnen_dakvlak", "dakvlak"],
    ),
    (
        "evenement-klein",
        "gewoon",
        "EvenementOrganiseren",
        {"bezoekers": "120", "op_de_weg": "false", "tijd": "true"},
        "Meldingsplicht",
        ART + "32",
        ["bezoekers", "op_de_weg", "tijd"],
    ),
    (
        "evenement-groot",
        "gewoon",
        "EvenementOrganiseren",
        {"bezoekers": "8000"},
        "NeemContactOpMet",
        ART + "32",
        ["bezoekers"],
    ),
    (
        "reclame-klein",
        "gewoon",
        "ReclamePlaatsen",
        {"op_gevel": "true", "oppervlakte": "0.5", "licht": "false"},
        "Toestemmingsvrij",
        ART + "31",
        ["op_gevel", "oppervlakte", "licht"],
    ),
    (
        "reclame-monument",
        "monument",
        "ReclamePlaatsen",
        {},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.3",
        [],
    ),
    # The example rules for everyday work (issue 14 point 5): each really evaluated by the engine.
    (
        "warmtepomp-achter-stil",
        "gewoon",
        "WarmtepompPlaatsen",
        {"plek_buitenunit": ACHTER, "geluid": "true"},
        "Toestemmingsvrij",
        ART + "34",
        ["plek_buitenunit", "geluid"],
    ),
    (
        "warmtepomp-luid",
        "gewoon",
        "WarmtepompPlaatsen",
        {"plek_buitenunit": "Op een plat dak", "geluid": "false"},
        "Verbod",
        ART + "34",
        ["plek_buitenunit", "geluid"],
    ),
    (
        "warmtepomp-straatkant",
        "gewoon",
        "WarmtepompPlaatsen",
        {"plek_buitenunit": VOOR},
        "Vergunningplicht",
        ART + "34",
        ["plek_buitenunit"],
    ),
    (
        "warmtepomp-monument",
        "monument",
        "WarmtepompPlaatsen",
        {},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.3",
        [],
    ),
    (
        # Outside monument and dorpsgezicht every answer leads to "vrij": the engine asks nothing.
        "kozijn-gewoon",
        "gewoon",
        "KozijnVervangen",
        {},
        "Toestemmingsvrij",
        ART + "35",
        [],
    ),
    (
        "kozijn-gezicht-gelijk",
        "beschermd",
        "KozijnVervangen",
        {"kant": VOOR, "zelfde_uiterlijk": "true"},
        "Toestemmingsvrij",
        ART + "35",
        ["kant", "zelfde_uiterlijk"],
    ),
    (
        "kozijn-gezicht-straatkant-anders",
        "beschermd",
        "KozijnVervangen",
        {"kant": VOOR, "zelfde_uiterlijk": "false"},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.2",
        ["kant", "zelfde_uiterlijk"],
    ),
    (
        "slopen-weinig",
        "gewoon",
        "Slopen",
        {"asbest": "false", "sloopafval": "4"},
        "Toestemmingsvrij",
        ART + "36",
        ["asbest", "sloopafval"],
    ),
    (
        "slopen-asbest",
        "gewoon",
        "Slopen",
        {"asbest": "true"},
        "Meldingsplicht",
        ART + "36",
        ["asbest"],
    ),
    (
        "slopen-veel",
        "gewoon",
        "Slopen",
        {"asbest": "false", "sloopafval": "25"},
        "Meldingsplicht",
        ART + "36",
        ["asbest", "sloopafval"],
    ),
    (
        "slopen-gezicht",
        "beschermd",
        "Slopen",
        {},
        "Vergunningplicht",
        "gm0400_1__chp_5__art_5.2",
        [],
    ),
]


@pytest.mark.parametrize(
    "plek, werkzaamheid, antwoorden, conclusie, artikel, vragen",
    [g[1:] for g in GEVALLEN],
    ids=[g[0] for g in GEVALLEN],
)
def test_werkzaamheid(stad, db, plek, werkzaamheid, antwoorden, conclusie, artikel, vragen):
    resultaat, gesteld = doorloop([werkzaamheid], adres_in(plek), antwoorden)
    [activiteit] = resultaat["activiteiten"]
    assert activiteit["conclusie"]["code"] == conclusie
    assert [a["wId"] for a in activiteit["artikelen"]] == [artikel]
    assert gesteld == vragen
    # The artikel carries its text from the omgevingsplan, and "waarom" names every answer and fact used.
    assert activiteit["artikelen"][0]["tekst"] == regeltekst(artikel)["tekst"] != ""
    assert {w["vraag_id"].rsplit(".U_", 1)[-1] for w in activiteit["waarom"] if "vraag_id" in w} <= set(
        vragen
    )


def test_facts_from_data_are_never_asked_and_name_their_source(stad, db):
    resultaat, gesteld = doorloop(["DakkapelPlaatsen"], adres_in("monument"), {})
    assert gesteld == []
    [monument] = [f for f in resultaat["feiten"] if f["feit"] == "monument"]
    assert monument["waarde"] == "ja" and "Omgevingsplan" in monument["bron"]
    assert "nl.imow-gm0400.gebiedengroep.Monumenten" in resultaat["activiteiten"][0]["werkingsgebieden"]


@pytest.mark.parametrize("soort", ["monument", "beschermd", "gewoon"])
def test_every_registered_fact_answers_at_every_kind_of_address(stad, db, soort):
    from toepasbare_regels.feiten import FEITEN

    plek = Plek(adres_in(soort))
    waarden = {sleutel: feit.bepaal(plek) for sleutel, feit in FEITEN.items()}
    assert waarden["beschermd-gezicht"] is (soort == "beschermd")
    assert waarden["monument"] is (soort == "monument")
    if soort == "beschermd":
        gebieden = FEITEN["beschermd-gezicht"].gebieden(plek)
        assert "nl.imow-gm0400.gebied.BeschermdDorpsgezicht" in gebieden


def test_a_disputed_fact_turns_into_a_question(stad, db):
    from toepasbare_regels.vergunningcheck import Check

    r = Check(["DakkapelPlaatsen"], Plek(adres_in("monument")), betwist={"monument"}).uitvoeren()
    assert not r["klaar"]
    assert [v["tekst"] for v in r["vraaggroep"]["vragen"]] == ["Is uw pand een monument?"]


def test_two_werkzaamheden_share_one_question_once(stad, db):
    from toepasbare_regels.vergunningcheck import Check

    r = Check(["DakkapelPlaatsen", "ZonnepanelenPlaatsen"], Plek(adres_in("gewoon"))).uitvoeren()
    teksten = [v["tekst"] for v in r["vraaggroep"]["vragen"]]
    assert len(teksten) == len(set(teksten))


def test_sample_rules_refer_only_to_locaties_of_the_sample_plan(stad, db):
    from dev.sample.toepasbare_regels import bestanden
    from toepasbare_regels.management.commands.check_regels import locatiecheck_uit_db
    from toepasbare_regels.sttr.controle import controleer_bestand

    controle = locatiecheck_uit_db()
    for naam, inhoud in bestanden().items():
        if naam.endswith(".dmn"):
            assert controleer_bestand(inhoud, naam, controle) == [], naam


def test_a_conclusions_artikelen_are_read_in_one_statement_as_regeltekst_reads_them(
    stad, db, django_assert_num_queries
):
    peildatum = date.today()
    wids = ["gm0400_1__chp_22__art_22.30", "bestaat_niet"]
    verwijzingen = [f"https://example.org/regels/{wid}" for wid in wids]
    check = Check([], Plek(GEOSGeometry("SRID=28992;POINT(113005 553005)"), peildatum))
    check.plek.versies  # noqa: B018 (read the plek first: its own statement)
    with django_assert_num_queries(1):
        artikelen = check._artikelen([*verwijzingen, verwijzingen[0]])
    verwacht = []
    for verwijzing, wid in zip(verwijzingen, wids, strict=True):
        gevonden = regeltekst(wid, peildatum) or {}
        verwacht.append(
            {
                "verwijzing": verwijzing,
                "wId": wid,
                "kop": gevonden.get("kop", ""),
                "tekst": gevonden.get("tekst", ""),
            }
        )
    assert artikelen == verwacht
    assert artikelen[0]["tekst"] != ""
