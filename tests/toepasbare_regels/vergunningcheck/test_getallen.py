"""Number answers are checked against the bounds and unit in the rule's own definition (a DMN
itemDefinition): the impossible is refused with a hint in the right unit, on the page and in the API."""

from decimal import Decimal

import pytest

from tests.toepasbare_regels.vergunningcheck.test_api import bepaal
from toepasbare_regels.sttr.antwoorden import AntwoordFout, typeer
from toepasbare_regels.sttr.grenzen import Grenzen, lees_grenzen

CM = lees_grenzen("[30..600]", "cm")


@pytest.mark.parametrize(
    ("test", "verwacht"),
    [
        ("[30..600]", Grenzen(Decimal(30), Decimal(600), eenheid="cm")),
        ("(0..10]", Grenzen(Decimal(0), Decimal(10), minimum_open=True, eenheid="cm")),
        (">= 1", Grenzen(minimum=Decimal(1), eenheid="cm")),
        ("< 5.5", Grenzen(maximum=Decimal("5.5"), maximum_open=True, eenheid="cm")),
        ('"a","b"', None),
    ],
)
def test_allowed_values_are_read_as_bounds(test, verwacht):
    assert lees_grenzen(test, "cm") == verwacht


@pytest.mark.parametrize(
    "antwoord", ["-5", "1,5", "1.8", "0", "601", "1e999999999", "inf", "NaN", "1_000", "2e2"]
)
def test_impossible_numbers_are_refused_with_a_hint_in_centimetres(antwoord):
    with pytest.raises(AntwoordFout) as fout:
        typeer(antwoord, "number", None, "v", CM)
    bericht = str(fout.value)
    assert "cm" in bericht and "centimeter" in bericht and "1,8" not in bericht.split("1 meter")[0]


@pytest.mark.parametrize(
    ("antwoord", "waarde"), [("180", Decimal(180)), ("175,5", Decimal("175.5")), (" 30 ", 30)]
)
def test_possible_numbers_pass(antwoord, waarde):
    assert typeer(antwoord, "number", None, "v", CM) == waarde


def test_without_a_definition_only_what_is_no_number_is_refused():
    assert typeer("1,8", "number", None, "v") == Decimal("1.8")
    with pytest.raises(AntwoordFout, match="bijvoorbeeld 12"):
        typeer("1e999999999", "number", None, "v")


SCHUTTING = "ErfafscheidingPlaatsen"  # asks the height, in metres, (0..10]


def _tot_de_hoogte(client) -> tuple[dict, list[dict]]:
    """Answer the API's questions ("nee", the first option) until it asks the height."""
    antwoorden = []
    for _ in range(5):
        [act] = bepaal(client, [SCHUTTING], antwoorden).json()[0]["activiteiten"]
        for v in act["vraaggroepen"][0]["vragen"]:
            if v["antwoordType"] == "numeriek":
                return v, antwoorden
            antwoorden.append(
                {"id": v["id"], "antwoord": v["opties"][0]["optieTekst"] if v["opties"] else "false"}
            )
    raise AssertionError("de hoogte werd niet gevraagd")


def test_the_api_tells_the_unit_and_refuses_the_impossible_with_a_clear_400(client, regels, adressen):
    hoogte, antwoorden = _tot_de_hoogte(client)
    assert (hoogte["eenheid"], hoogte["minimum"], hoogte["maximum"]) == ("m", "0", "10")
    for onmogelijk in ("1e999999999", "-5", "180"):
        r = bepaal(client, [SCHUTTING], [*antwoorden, {"id": hoogte["id"], "antwoord": onmogelijk}])
        assert r.status_code == 400 and r["Content-Type"] == "application/problem+json", onmogelijk
        assert r.json()["code"] == "regels.antwoord_ongeldig" and "meter" in r.json()["detail"]
    goed = bepaal(client, [SCHUTTING], [*antwoorden, {"id": hoogte["id"], "antwoord": "0,9"}])
    assert goed.status_code == 200


def test_the_page_refuses_the_impossible_and_shows_the_unit(client, regels, adressen):
    from toepasbare_regels.models import CheckSessie

    hoogte, antwoorden = _tot_de_hoogte(client)
    r = client.post("/vergunningcheck/nieuw", {"werkzaamheid": [SCHUTTING], "adres": "Keizerstraat 12a"})
    url = r["Location"]
    for a in antwoorden:
        client.post(url, {a["id"]: a["antwoord"]})
    pagina = client.get(url)
    assert hoogte["id"] in [v["id"] for v in pagina.context["r"]["vraaggroep"]["vragen"]]
    assert "Antwoord in m, van 0 tot en met 10." in pagina.content.decode()
    bewaard = dict(CheckSessie.objects.get().antwoorden)
    for onmogelijk in ("1e999999999", "-5", "180"):
        fout = client.post(url, {hoogte["id"]: onmogelijk})
        assert fout.status_code == 400, onmogelijk
        assert "meter" in fout.content.decode()
        assert CheckSessie.objects.get().antwoorden == bewaard
