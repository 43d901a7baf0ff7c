"""GET /api/locatie/regels and the Omgevingsplan section of locatie-informatie."""

import pytest

from dev.sample.omgevingsplan import inhoud as I
from kaartlagen import locatie
from kern.afbreken import afbreekbaar
from kern.crs import RD_NEW, naar_wgs84
from toepasbare_regels.omgevingsplan import models as m

pytestmark = pytest.mark.django_db
URL = "/api/locatie/regels"


def _monument_punt():
    groep = m.Locatie.objects.get(versie__regeling__identificatie=I.REGELING, identificatie=I.LOC_MONUMENTEN)
    lid = m.Locatie.objects.get(versie=groep.versie, identificatie=groep.leden[0])
    return lid.geom.point_on_surface


def test_regels_at_a_monument_in_rd_and_wgs84(sample_plan, client):
    punt = _monument_punt()
    rd = client.get(URL, {"x": punt.x, "y": punt.y, "crs": "rd"})
    assert rd.status_code == 200, rd.content
    body = rd.json()
    dakkapel = next(
        a for a in body["activiteiten"] if a["identificatie"] == I.ident("activiteit", "BouwenDakkapel")
    )
    assert {r["kwalificatie"] for r in dakkapel["regels"]} == {"toestemmingsvrij", "vergunningplicht"}
    assert all(r["artikel"]["kop"] and r["artikel"]["tekst"] for r in dakkapel["regels"])
    assert any(n["identificatie"] == I.NORM_BOUWHOOGTE for n in body["normen"])
    assert any(g["groep"] == "BeschermdMonument" for g in body["gebiedsaanwijzingen"])
    lon, lat = naar_wgs84(punt.x, punt.y)
    wgs = client.get(URL, {"x": lon, "y": lat})
    assert wgs.status_code == 200
    assert set(wgs.json()["locaties"]) == set(body["locaties"])


def test_peildatum_before_the_plan_gives_nothing(sample_plan, client):
    punt = _monument_punt()
    body = client.get(URL, {"x": punt.x, "y": punt.y, "crs": "rd", "peildatum": "2023-12-31"}).json()
    assert body["peildatum"] == "2023-12-31"
    assert body["activiteiten"] == [] and body["locaties"] == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"x": 50000, "y": 400000, "crs": "rd"}, "buiten_gemeente"),
        ({"x": 4.0, "y": 200.0}, "buiten_crs"),
        ({"x": 113000}, "invoer_ongeldig"),
        ({"x": 113000, "y": 553000, "crs": "rd", "peildatum": "morgen"}, "invoer_ongeldig"),
        ({"x": 113000, "y": 553000, "crs": "epsg"}, "invoer_ongeldig"),
    ],
)
def test_bad_requests_are_problem_json(client, params, code):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_locatie_informatie_has_an_omgevingsplan_section(sample_plan, client):
    punt = _monument_punt()
    info = locatie.bij_punt(punt.x, punt.y, RD_NEW)
    sectie = next(s for s in info.secties if s.sleutel == "omgevingsplan")
    labels = dict(sectie.rijen)
    # One conclusion per activiteit: on a monument the vergunningplicht holds, so the general
    # "geen vergunning nodig" (Artikel 22.26) for the same dakkapel is not shown beside it.
    assert labels["Bouwen van een dakkapel"] == "Vergunning nodig (Artikel 5.3 Gemeentelijk monument)"
    assert not any("geen vergunning nodig" in waarde for label, waarde in sectie.rijen if "dakkapel" in label)
    assert labels["Maximum bouwhoogte"].endswith(" m")
    assert labels["Erfgoed"] == "Gemeentelijk monument"
    body = client.get("/api/locatie/informatie", {"x": punt.x, "y": punt.y, "crs": "rd"}).json()
    assert any(s["sleutel"] == "omgevingsplan" and s["titel"] == "Omgevingsplan" for s in body["secties"])


def test_no_section_where_no_plan_is_in_force(db):
    m.RegelingVersie.objects.all().delete()  # inside the test's transaction: rolled back afterwards
    info = locatie.bij_punt(113000, 553000, RD_NEW)
    assert all(s.sleutel != "omgevingsplan" for s in info.secties)


def test_map_layers_are_in_the_registry_and_serve_tiles(sample_plan, client):
    from kaartlagen.models import Kaartlaag
    from kaartlagen.tegels import tegel_index

    lagen = Kaartlaag.objects.filter(groep="Regels").values_list("naam", flat=True)
    assert set(lagen) == {"omgevingsplan-functies", "omgevingsplan-gebiedsaanwijzingen"}
    punt = _monument_punt()
    x, y = tegel_index(punt.x, punt.y, 16)
    for laag in lagen:
        tegel = client.get(f"/tiles/{laag}/16/{x}/{y}.mvt")
        assert tegel.status_code == 200 and tegel.content, laag
    items = client.get("/ogc/collections/omgevingsplan-functies/items", {"limit": 5}).json()
    assert items["numberReturned"] == 5 and items["features"][0]["properties"]["functie"]


def test_locatie_page_shows_the_section_without_the_map(sample_plan, adressen, client):
    from tests.support.adressen import NUM_12A

    html = client.get("/locatie", {"id": f"adres-{NUM_12A}"}).content.decode()
    # The heading may break at a hyphenation point on a phone (kern/afbreken.py).
    assert f'<h2 id="kop-omgevingsplan">{afbreekbaar("Omgevingsplan")}</h2>' in html
    assert "Bouwen van een dakkapel" in html and "Artikel 22.26 Dakkapel" in html


def test_the_strictest_kwalificatie_is_the_one_conclusion():
    from toepasbare_regels.omgevingsplan.sectie import conclusie

    def regel(kwalificatie, kop):
        return {"kwalificatie": kwalificatie, "artikel": {"kop": kop}}

    assert conclusie([regel("toestemmingsvrij", "Artikel 22.26"), regel("verbod", "Artikel 4.1")]) == (
        "Niet toegestaan (Artikel 4.1)"
    )
    assert conclusie([regel("toestemmingsvrij", "Artikel 22.26")]) == (
        "Geen vergunning nodig als u zich aan de regels houdt (Artikel 22.26)"
    )
    assert conclusie([{"kwalificatie": "vergunningplicht", "artikel": None}]) == "Vergunning nodig"
