"""Antwoordkoppeling: questions of any imported rule file answered from our data. A national-style
dakkapel file (14 questions + 1 geo, tests/toepasbare_regels/sttr/landelijk_dakkapel.py) asks at most 8
questions at an ordinary address and never what the data knows; staff map other questions in the
admin, with suggestions, and a mapping survives a new version of the file while the question is the same."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.toepasbare_regels.sttr import landelijk_dakkapel
from tests.toepasbare_regels.vergunningcheck.helpers import adres_in
from toepasbare_regels.importing import importeer_sttr
from toepasbare_regels.models import Antwoordkoppeling, ToepasbareRegelBestand
from toepasbare_regels.plek import Plek
from toepasbare_regels.vergunningcheck import Check

GEWOON = {
    "Is dakkapel voorzien van een plat dak?": "true",
    "Wat is de hoogte gemeten vanaf de voet van de dakkapel (in cm)?": "150",
    "Hoever ligt de onderzijde boven de dakvoet (in cm)?": "70",
    "Hoever ligt de bovenzijde onder de daknok (in cm)?": "60",
    "Hoever liggen de zijkanten van de dakkapel van de zijkanten van het dakvlak (in cm)?": "60",
    "Betreft het plaatsing op een dakvlak gekeerd naar openbaar toegankelijk gebied?": "false",
    "Gelden er in uw gemeente welstandsciteria voor dakkapellen?": "false",
}
DATA_VRAGEN = {
    tekst for _, _, _, _, tekst, _, naam in landelijk_dakkapel.VRAGEN if naam in landelijk_dakkapel.DATA_WEET
}


def speel(geometrie, antwoorden: dict, betwist=frozenset()):
    """Answer every question by its text until the check is done; returns (activiteit, questions asked)."""
    gegeven, gesteld = {}, []
    for _ in range(20):
        r = Check([landelijk_dakkapel.REF], Plek(geometrie), gegeven, betwist).uitvoeren()
        if r["klaar"]:
            [activiteit] = r["activiteiten"]
            return activiteit, gesteld, r["feiten"]
        for vraag in r["vraaggroep"]["vragen"]:
            assert vraag["tekst"] in antwoorden, f"onverwachte vraag: {vraag['tekst']}"
            gesteld.append(vraag["tekst"])
            gegeven[vraag["id"]] = antwoorden[vraag["tekst"]]
    raise AssertionError("de check werd niet klaar")


@pytest.fixture
def dakkapel(stad, db):
    begin = timezone.localdate() - timedelta(days=10)
    assert importeer_sttr(landelijk_dakkapel.bestand(), "Conclusie Bouwen Dakkapel.dmn", begin) == "nieuw"


@pytest.mark.parametrize("dakvlak", ["Voorkant", "Zijkant", "Achterkant"])
def test_a_national_dakkapel_asks_at_most_8_questions_at_an_ordinary_address(dakkapel, dakvlak):
    antwoorden = GEWOON | {"Op welk dakvlak wordt de dakkapel geplaatst?": dakvlak}
    activiteit, gesteld, feiten = speel(adres_in("gewoon"), antwoorden)
    assert len(gesteld) <= 8, gesteld
    assert not DATA_VRAGEN & set(gesteld)
    assert "Ligt het pand binnen de gemeentegrens?" not in gesteld
    assert activiteit["conclusie"]["code"] == "Toestemmingsvrij"
    # every answer from data is shown with its source, and the user can dispute it
    bronnen = {f["feit"]: f["bron"] for f in feiten}
    assert {"monument", "woonwagen", "nieuwbouw", "binnen-gemeente"} <= set(bronnen)
    assert bronnen["woonwagen"].startswith("BAG")
    assert any(w.get("feit") == "binnen-gemeente" and w["antwoord"] == "ja" for w in activiteit["waarom"])
    assert activiteit["voorbehouden"] == ["U mag de dakkapel plaatsen als er geen beschermde vogel nestelt."]


def test_at_a_monument_the_monument_question_is_not_asked(dakkapel):
    activiteit, gesteld, feiten = speel(adres_in("monument"), GEWOON)
    assert gesteld == []
    assert activiteit["conclusie"]["code"] == "Vergunningplicht"
    assert any(f["feit"] == "monument" and f["waarde"] == "ja" for f in feiten)


def test_klopt_dit_niet_asks_the_question_instead(dakkapel):
    vraag = "Betreft het plaatsing op een woonwagen?"
    antwoorden = GEWOON | {"Op welk dakvlak wordt de dakkapel geplaatst?": "Achterkant", vraag: "true"}
    activiteit, gesteld, _ = speel(adres_in("gewoon"), antwoorden, betwist={"woonwagen"})
    assert vraag in gesteld
    assert activiteit["conclusie"]["code"] == "NeemContactOpMet"  # bijzonder gebouw


def _vragen(geometrie) -> list[str]:
    r = Check([landelijk_dakkapel.REF], Plek(geometrie), {}).uitvoeren()
    return [v["tekst"] for v in r["vraaggroep"]["vragen"]] if r["vraaggroep"] else []


def test_staff_map_a_question_in_the_admin_and_it_survives_a_new_version(dakkapel, admin_client):
    row = ToepasbareRegelBestand.objects.get(naam=landelijk_dakkapel.NAAM)
    pagina = admin_client.get(f"/beheer/toepasbare_regels/toepasbareregelbestand/{row.pk}/koppelen/")
    assert pagina.status_code == 200
    regels = {r["u"].id: r for r in pagina.context["regels"]}
    assert regels["UitvId0003"]["nu"] == ("woonwagen", "standaard")
    assert regels["UitvId0007"]["nu"] is None  # plat dak: nothing knows it
    assert regels["UitvId0002"]["suggesties"] == ["beschermd-gezicht"]
    # a staff member says: "plat dak" is answered by the fact "tijdelijk-bouwwerk" (any feit will do
    # to prove the mechanism; a real municipality would add its own feit)
    r = admin_client.post(pagina.request["PATH_INFO"], {"feit_UitvId0007": "tijdelijk-bouwwerk"})
    assert r.status_code == 302
    koppeling = Antwoordkoppeling.objects.get()
    assert (koppeling.bestand_sleutel, koppeling.uitvoeringsregel, koppeling.vraagtekst) == (
        row.sleutel,
        "UitvId0007",
        "is dakkapel voorzien van een plat dak",
    )
    gewoon = adres_in("gewoon")
    assert "Is dakkapel voorzien van een plat dak?" not in _vragen(gewoon)
    # a new version with the same question keeps the koppeling ...
    nieuw = landelijk_dakkapel.bestand().replace(b"Wat is de hoogte", b"Hoe hoog is de dakkapel, gemeten")
    assert importeer_sttr(nieuw, "v2.dmn", timezone.localdate() - timedelta(days=5)) == "gewijzigd"
    assert "Is dakkapel voorzien van een plat dak?" not in _vragen(gewoon)
    # ... and a version where the question changed asks it again
    anders = nieuw.replace(b"Is dakkapel voorzien van een plat dak?", b"Heeft de dakkapel een plat dak?")
    assert importeer_sttr(anders, "v3.dmn", timezone.localdate() - timedelta(days=1)) == "gewijzigd"
    assert "Heeft de dakkapel een plat dak?" in _vragen(gewoon)
