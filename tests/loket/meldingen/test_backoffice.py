"""Staff: the status flow of meldingen, assignment, bulk change, CSV, and who may see what
(team A never sees team B's meldingen; contact data only with the right permission, and logged)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loket.meldingen import services
from loket.meldingen.models import ContactInzage
from loket.zaken.models import Zaak
from tests.loket.meldingen.helpers import PUNT_RD
from tests.support.factories import GebruikerFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db


def maak(categorie="losse-stoeptegel", email="", dx=0.0):
    return services.meld(
        services.Invoer(
            categorie,
            "Er is iets kapot hier.",
            PUNT_RD[0] + dx,
            PUNT_RD[1],
            email=email,
            toestemming=bool(email),
        )
    )


@pytest.fixture
def situatie(adressen, teams):
    wegen, licht = maak("losse-stoeptegel", "melder@example.org"), maak("lamp-kapot", dx=20)
    return {
        "wegen": wegen,
        "licht": licht,
        "wim": MedewerkerFactory(username="wim", teams=[teams["wegen"]]),
        "lies": MedewerkerFactory(
            username="lies", teams=[teams["verlichting"]], rechten=["contactgegevens_zien"]
        ),
    }


def test_statusflow_via_api(situatie, client):
    client.force_login(situatie["wim"])
    ref = situatie["wegen"].zaak.referentie
    url = f"/api/backoffice/meldingen/{ref}/status"
    r = client.post(
        url,
        {"status": "ingepland", "tekst_voor_burger": "Volgende week gerepareerd."},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "ingepland"
    r = client.post(url, {"status": "verzoek_tot_heropenen"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "statusovergang_ongeldig"
    r = client.post(url, {"status": "onzin"}, content_type="application/json")
    assert r.json()["code"] == "statustype_onbekend"
    client.post(
        url, {"status": "afgehandeld", "toelichting_intern": "klaar"}, content_type="application/json"
    )
    detail = client.get(f"/api/backoffice/meldingen/{ref}").json()
    assert [h["status"] for h in detail["historie"]] == ["Gemeld", "Ingepland", "Afgehandeld"]
    assert detail["historie"][1]["door"] == "wim" and detail["historie"][0]["door"] == "melder"
    assert detail["toegestane_statussen"] == ["heropend", "verzoek_tot_heropenen"]


def test_team_ziet_alleen_eigen_meldingen(situatie, client):
    client.force_login(situatie["wim"])
    lijst = client.get("/api/backoffice/meldingen").json()
    assert [m["referentie"] for m in lijst["results"]] == [situatie["wegen"].zaak.referentie]
    ander = situatie["licht"].zaak.referentie
    assert client.get(f"/api/backoffice/meldingen/{ander}").status_code == 404
    assert (
        client.post(
            f"/api/backoffice/meldingen/{ander}/status",
            {"status": "afgehandeld"},
            content_type="application/json",
        ).status_code
        == 404
    )
    html = client.get("/backoffice/").content.decode()
    assert situatie["wegen"].zaak.referentie in html and ander not in html
    assert client.get(f"/backoffice/{ander}").status_code == 404
    csv = b"".join(client.get("/backoffice/export.csv").streaming_content).decode()
    assert situatie["wegen"].zaak.referentie in csv and ander not in csv
    assert "melder@example.org" not in csv


def test_geen_toegang_zonder_inloggen(situatie, client):
    assert client.get("/api/backoffice/meldingen").status_code == 403
    assert client.get("/backoffice/")["Location"].startswith("/backoffice/inloggen")
    client.force_login(GebruikerFactory(username="burger"))
    assert client.get("/api/backoffice/meldingen").status_code == 403


def test_contactgegevens_alleen_met_recht_en_gelogd(situatie, client, teams):
    ref = situatie["wegen"].zaak.referentie
    client.force_login(situatie["wim"])
    detail = client.get(f"/api/backoffice/meldingen/{ref}").json()
    assert detail["email"] is None
    assert "melder@example.org" not in client.get(f"/backoffice/{ref}").content.decode()
    assert client.post(f"/backoffice/{ref}/contact").status_code == 404
    assert not ContactInzage.objects.exists()

    kim = MedewerkerFactory(username="kim", teams=[teams["wegen"]], rechten=["contactgegevens_zien"])
    client.force_login(kim)
    assert client.get(f"/api/backoffice/meldingen/{ref}").json()["email"] == "melder@example.org"
    assert "melder@example.org" in client.post(f"/backoffice/{ref}/contact").content.decode()
    assert [(i.gebruiker.username, i.waar) for i in ContactInzage.objects.order_by("id")] == [
        ("kim", "api"),
        ("kim", "backoffice"),
    ]


def test_filters_en_over_termijn(situatie, client, teams):
    client.force_login(MedewerkerFactory(username="baas", rechten=["alle_zaken"]))
    Zaak.objects.filter(pk=situatie["licht"].pk).update(
        uiterlijke_einddatum=timezone.localdate() - timedelta(days=1)
    )

    def refs(**params):
        return [m["referentie"] for m in client.get("/api/backoffice/meldingen", params).json()["results"]]

    assert len(refs()) == 2
    assert refs(over_termijn="true") == [situatie["licht"].zaak.referentie]
    assert refs(categorie="straatverlichting") == [situatie["licht"].zaak.referentie]
    assert refs(team="wegen") == [situatie["wegen"].zaak.referentie]
    assert len(refs(buurt="BU04000102")) == 2
    assert refs(status="ingepland") == []
    assert refs(van=(timezone.localdate() + timedelta(days=1)).isoformat()) == []
    assert client.get("/api/backoffice/meldingen", {"van": "gisteren"}).json()["code"] == "invoer_ongeldig"
    html = client.get("/backoffice/", {"over_termijn": "true"}).content.decode()
    assert "over termijn" in html
    geo = client.get("/backoffice/kaart.geojson").json()
    assert len(geo["features"]) == 2


def test_toewijzen_en_bulk(situatie, client, teams):
    wim = situatie["wim"]
    ref = situatie["wegen"].zaak.referentie
    client.force_login(wim)
    r = client.post(
        f"/api/backoffice/meldingen/{ref}/toewijzing", {"medewerker": "wim"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["medewerker"] == "wim"
    r = client.post(
        f"/api/backoffice/meldingen/{ref}/toewijzing", {"medewerker": "lies"}, content_type="application/json"
    )
    assert r.json()["code"] == "medewerker_niet_in_team"
    tweede = maak(dx=5)
    r = client.post(
        "/backoffice/bulk",
        {
            "referentie": [ref, tweede.zaak.referentie, situatie["licht"].zaak.referentie],
            "status": "in_behandeling",
            "tekst_voor_burger": "We pakken het op.",
        },
    )
    assert r.status_code == 302
    statussen = dict(Zaak.objects.values_list("referentie", "status__code"))
    assert statussen[ref] == statussen[tweede.zaak.referentie] == "in_behandeling"
    assert statussen[situatie["licht"].zaak.referentie] == "gemeld"  # not wim's team


def test_detail_pagina_wijzigt_status(situatie, client):
    client.force_login(situatie["wim"])
    ref = situatie["wegen"].zaak.referentie
    r = client.post(
        f"/backoffice/{ref}",
        {"actie": "status", "status": "afgehandeld", "tekst_voor_burger": "Tegel ligt weer vast."},
    )
    assert r.status_code == 302
    html = client.get(f"/backoffice/{ref}").content.decode()
    assert "De status is gewijzigd." in html and "Tegel ligt weer vast." in html


def test_api_onbekende_melding_is_problem_json_en_lege_selectie_op_de_kaart(situatie, client):
    client.force_login(situatie["wim"])
    r = client.get("/api/backoffice/meldingen/bestaat-niet")
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == "not_found"
    lijst = client.get("/api/backoffice/meldingen").json()
    assert set(lijst) == {"count", "next", "previous", "results"}
    # A filter that matches nothing made no SQL at all (EmptyResultSet): an empty map, not a 500.
    r = client.get("/backoffice/kaart.geojson", {"status": "bestaat-niet"})
    assert r.status_code == 200 and r.json() == {"type": "FeatureCollection", "features": []}
