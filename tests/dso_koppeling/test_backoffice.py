"""The staff backoffice for DSO verzoeken: list with filters and pages, detail, documents only for who
may see the zaak, status change through the zaak core (with its outbox event) and only along the
zaaktype's overgangen, the quarantaine with its notice and "opnieuw proberen", and who sees what
(a permission per zaaktype: a meldingen-only medewerker sees no vergunningaanvragen)."""

import pytest
from django.contrib.auth.models import Group

from dso_koppeling import backoffice, verzoeken
from dso_koppeling.models import Quarantaine, Verzoek
from loket.zaken.models import Document, Gebeurtenis, Zaak
from tests.support.factories import MedewerkerFactory, TeamFactory
from tests.support.knooppunt import SLEUTEL, maak_client

pytestmark = pytest.mark.django_db

DSO_RECHTEN = [
    "zaaktype_vergunningaanvraag",
    "zaaktype_melding-omgevingswet",
    "zaaktype_informatie-omgevingswet",
]


@pytest.fixture
def gesynct(knooppunt, media, settings):
    """Eight verzoeken (one of them unreadable: quarantaine) synced into zaken; the retry in the
    backoffice reaches the same mock knooppunt through the settings."""
    app, url = knooppunt(aantal=8, kapot=1, aanvullingen=1)
    resultaat = verzoeken.synchroniseer(maak_client(url))
    assert resultaat.ok and resultaat.telling["quarantaine"] == 1, resultaat.bevindingen
    settings.DSO_BASIS_URL, settings.DSO_API_SLEUTEL = url, SLEUTEL
    settings.DSO_TIMEOUT, settings.DSO_MAX_POGINGEN, settings.DSO_BACKOFF_BASIS = 1.0, 2, 0.01
    return app


@pytest.fixture
def behandelaar(db):
    """A medewerker in the group of every DSO zaaktype (the groups the migrations make)."""
    user = MedewerkerFactory(username="vera")
    user.groups.add(
        *Group.objects.filter(name__startswith="Behandelaars ").exclude(name__endswith="openbare-ruimte")
    )
    return user


def _aanvraag() -> Verzoek:
    return Verzoek.objects.select_related("zaak").filter(type="aanvraag").order_by("pk").first()


def test_lijst_met_filters_en_paginas(gesynct, behandelaar, client, monkeypatch):
    client.force_login(behandelaar)
    r = client.get("/backoffice/vergunningaanvragen/")
    assert r.status_code == 200
    alle = list(r.context["pagina"])
    assert len(alle) == Verzoek.objects.count() == 7
    # Each status once in the filter, though three zaaktypen have "ontvangen".
    codes = [code for code, _ in r.context["statussen"]]
    assert codes.count("ontvangen") == 1 and len(codes) == len(set(codes))

    v = _aanvraag()
    assert [
        x.pk
        for x in client.get(f"/backoffice/vergunningaanvragen/?zoek={v.zaak.referentie}").context["pagina"]
    ] == [v.pk]
    straat = v.zaak.adres.split(" ")[0]
    gevonden = client.get(f"/backoffice/vergunningaanvragen/?zoek={straat}").context["pagina"]
    assert v in gevonden and all(straat in x.zaak.adres for x in gevonden)
    urn = v.activiteiten[0]["urn"]
    met_activiteit = list(
        client.get("/backoffice/vergunningaanvragen/", {"activiteit": urn}).context["pagina"]
    )
    assert v in met_activiteit and all(urn in [a["urn"] for a in x.activiteiten] for x in met_activiteit)
    assert urn in [u for u, _ in r.context["activiteiten"]]
    alleen_aanvragen = client.get("/backoffice/vergunningaanvragen/?zaaktype=vergunningaanvraag").context[
        "pagina"
    ]
    assert {x.type for x in alleen_aanvragen} == {"aanvraag"}

    Zaak.objects.filter(pk=v.zaak_id).update(startdatum="2026-01-05")
    periode = client.get("/backoffice/vergunningaanvragen/?van=2026-01-01&tot=2026-01-31").context["pagina"]
    assert [x.pk for x in periode] == [v.pk]
    assert (
        client.get("/backoffice/vergunningaanvragen/?status=in_behandeling").context["pagina"].paginator.count
        == 0
    )

    r = client.get("/backoffice/vergunningaanvragen/?van=gisteren")
    assert "Een filter klopt niet" in r.content.decode() and r.context["pagina"].paginator.count == 7

    monkeypatch.setattr(backoffice, "PER_PAGINA", 3)
    pagina3 = client.get("/backoffice/vergunningaanvragen/?pagina=3").context["pagina"]
    assert pagina3.paginator.num_pages == 3 and len(pagina3) == 1
    assert "Pagina 3 van 3" in client.get("/backoffice/vergunningaanvragen/?pagina=3").content.decode()


def test_kaart_geeft_de_gefilterde_verzoeken(gesynct, behandelaar, client):
    client.force_login(behandelaar)
    v = _aanvraag()
    r = client.get(f"/backoffice/vergunningaanvragen/kaart.geojson?zoek={v.zaak.referentie}")
    assert r["Content-Type"] == "application/geo+json"
    [punt] = r.json()["features"]
    assert punt["properties"]["referentie"] == v.zaak.referentie
    lon, lat = punt["geometry"]["coordinates"]
    assert 4.5 < lon < 5.0 and 52.8 < lat < 53.1  # WGS84 at the web edge, near Den Helder
    assert len(client.get("/backoffice/vergunningaanvragen/kaart.geojson").json()["features"]) == 7


def test_detail_met_activiteiten_documenten_en_historie(gesynct, behandelaar, client):
    client.force_login(behandelaar)
    v = _aanvraag()
    r = client.get(f"/backoffice/vergunningaanvragen/{v.zaak.referentie}")
    html = r.content.decode()
    assert r.status_code == 200
    assert v.verzoeknummer in html and v.activiteiten[0]["naam"] in html and "Ontvangen" in html
    assert v.zaak.documenten.exists()
    for document in v.zaak.documenten.all():
        assert f"/backoffice/vergunningaanvragen/{v.zaak.referentie}/document/{document.pk}" in html
        assert document.van_indiener  # the aanvrager's bijlage, not something staff added
    # Who asked is not in the loket at all: the mock's initiatiefnemer never reaches the page.
    initiatiefnemer = gesynct.opslag.verzoeken[v.verzoeknummer]["initiatiefnemer"]
    assert initiatiefnemer["naam"] not in html and initiatiefnemer["email"] not in html


def test_document_alleen_voor_wie_de_zaak_mag_zien(gesynct, behandelaar, client):
    v = _aanvraag()
    document = v.zaak.documenten.first()
    url = f"/backoffice/vergunningaanvragen/{v.zaak.referentie}/document/{document.pk}"
    assert client.get(url).status_code == 302  # not logged in: to the login page

    client.force_login(behandelaar)
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF-")
    assert r["Cache-Control"] == "private, no-store" and r["Content-Disposition"].startswith("attachment")
    # Another zaak's document under this zaak's address: not found.
    ander = Document.objects.exclude(zaak=v.zaak).first()
    assert (
        client.get(f"/backoffice/vergunningaanvragen/{v.zaak.referentie}/document/{ander.pk}").status_code
        == 404
    )

    # A medewerker with only the permission for DSO meldingen does not get an aanvraag's documents.
    alleen_meldingen = MedewerkerFactory(rechten=["zaaktype_melding-omgevingswet"])
    client.force_login(alleen_meldingen)
    assert client.get(url).status_code == 404
    assert client.get(f"/backoffice/vergunningaanvragen/{v.zaak.referentie}").status_code == 404
    zichtbaar = {x.type for x in client.get("/backoffice/vergunningaanvragen/").context["pagina"]}
    assert zichtbaar <= {"melding"}


def test_meldingen_medewerker_ziet_geen_vergunningaanvragen(gesynct, client):
    wim = MedewerkerFactory(username="wim", teams=[TeamFactory(code="wegen")])
    client.force_login(wim)
    v = _aanvraag()
    for url in [
        "/backoffice/vergunningaanvragen/",
        "/backoffice/vergunningaanvragen/kaart.geojson",
        f"/backoffice/vergunningaanvragen/{v.zaak.referentie}",
        f"/backoffice/vergunningaanvragen/{v.zaak.referentie}/document/{v.zaak.documenten.first().pk}",
        "/backoffice/vergunningaanvragen/quarantaine/",
    ]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/backoffice/inloggen"), url
    assert not Zaak.objects.zichtbaar_voor(wim).filter(bron="dso").exists()
    # His own backoffice has no entry for them and no quarantaine notice.
    html = client.get("/backoffice/").content.decode()
    assert "Vergunningaanvragen" not in html and "quarantaine" not in html


def test_statuswijziging_via_de_zaakservice_met_gebeurtenis(gesynct, behandelaar, client):
    client.force_login(behandelaar)
    v = _aanvraag()
    url = f"/backoffice/vergunningaanvragen/{v.zaak.referentie}"
    voor = Gebeurtenis.objects.filter(soort="zaak.status_gewijzigd").count()
    r = client.post(url, {"status": "in_behandeling", "toelichting_intern": "Dossier compleet"}, follow=True)
    assert "De status is nu &#x27;In behandeling&#x27;." in r.content.decode()
    zaak = Zaak.objects.get(pk=v.zaak_id)
    assert zaak.status.code == "in_behandeling"
    [event] = Gebeurtenis.objects.filter(soort="zaak.status_gewijzigd")[voor:]
    assert event.zaak_id == zaak.pk and event.gegevens["status"] == "in_behandeling"
    assert event.gegevens["van"] == "ontvangen" and event.gegevens["zaaktype"] == "vergunningaanvraag"
    laatste = zaak.statussen.last()
    assert laatste.door == behandelaar and laatste.toelichting_intern == "Dossier compleet"
    assert [s.code for s in r.context["toegestaan"]] == [
        "aanvulling_gevraagd",
        "besluit_genomen",
        "ingetrokken",
    ]


def test_ongeldige_overgang_geweigerd_met_duidelijke_melding(gesynct, behandelaar, client):
    client.force_login(behandelaar)
    v = _aanvraag()
    voor = Gebeurtenis.objects.count()
    r = client.post(
        f"/backoffice/vergunningaanvragen/{v.zaak.referentie}", {"status": "besluit_genomen"}, follow=True
    )
    html = r.content.decode()
    assert (
        "De status is niet gewijzigd. Van &#x27;Ontvangen&#x27; naar &#x27;Besluit genomen&#x27; kan niet."
        in html
    )
    assert 'role="alert"' in html
    assert Zaak.objects.get(pk=v.zaak_id).status.code == "ontvangen"
    assert Gebeurtenis.objects.count() == voor
    r = client.post(
        f"/backoffice/vergunningaanvragen/{v.zaak.referentie}", {"status": "bestaat-niet"}, follow=True
    )
    assert "bestaat niet voor dit zaaktype" in r.content.decode()


def test_quarantaine_zichtbaar_met_melding_en_opnieuw_proberen(gesynct, behandelaar, client):
    client.force_login(behandelaar)
    [q] = Quarantaine.objects.all()
    # The notice on every backoffice page, also the meldingen list.
    for url in ["/backoffice/", "/backoffice/vergunningaanvragen/"]:
        assert "1 verzoek uit het DSO staat in quarantaine" in client.get(url).content.decode()
    html = client.get("/backoffice/vergunningaanvragen/quarantaine/").content.decode()
    assert q.verzoeknummer in html and "xml_onleesbaar" in html and q.detail[:30] in html

    opnieuw = f"/backoffice/vergunningaanvragen/quarantaine/{q.verzoeknummer}/opnieuw"
    # Still broken at the knooppunt: it stays, with its reason.
    r = client.post(opnieuw, follow=True)
    assert "Nog steeds niet gelukt (xml_onleesbaar)" in r.content.decode()
    assert Quarantaine.objects.filter(verzoeknummer=q.verzoeknummer).exists()

    gesynct.opslag.verzoeken[q.verzoeknummer]["kapot"] = False  # the knooppunt now delivers good XML
    zaken = Zaak.objects.count()
    r = client.post(opnieuw, follow=True)
    nieuw = Verzoek.objects.get(verzoeknummer=q.verzoeknummer)
    assert f"Gelukt: het verzoek is nu zaak {nieuw.zaak.referentie}." in r.content.decode()
    assert Zaak.objects.count() == zaken + 1 and not Quarantaine.objects.exists()
    assert "in quarantaine" not in client.get("/backoffice/").content.decode()

    # Again (a double click): nothing changes.
    r = client.post(opnieuw, follow=True)
    assert "staat niet (meer) in quarantaine" in r.content.decode()
    assert Zaak.objects.count() == zaken + 1
    assert client.get(opnieuw).status_code == 405


def test_opnieuw_proberen_niet_tijdens_een_sync(gesynct, behandelaar, client):
    from dso_koppeling.vergrendeling import alleen

    client.force_login(behandelaar)
    q = Quarantaine.objects.get()
    with alleen(verzoeken.NAAM):
        r = client.post(f"/backoffice/vergunningaanvragen/quarantaine/{q.verzoeknummer}/opnieuw", follow=True)
    assert "De synchronisatie met het DSO loopt nu" in r.content.decode()
    assert Quarantaine.objects.filter(pk=q.pk).exists()


def test_na_inloggen_naar_het_eigen_onderdeel(db, client):
    """Without ?next= a medewerker lands on the first section they may open; the menu shows only theirs."""
    vera = MedewerkerFactory(username="vera", password="Een-lang-wachtwoord-42")
    vera.groups.add(Group.objects.get(name="Behandelaars vergunningaanvraag"))
    MedewerkerFactory(username="wim", password="Een-lang-wachtwoord-42", teams=[TeamFactory(code="wegen")])

    r = client.post("/backoffice/inloggen", {"username": "vera", "password": "Een-lang-wachtwoord-42"})
    assert r.status_code == 302 and r["Location"] == "/backoffice/vergunningaanvragen/"
    menu = client.get(r["Location"]).content.decode().split('aria-label="Backoffice"')[1].split("</nav>")[0]
    assert "Vergunningaanvragen" in menu and "Meldingen" not in menu

    client.logout()
    r = client.post("/backoffice/inloggen", {"username": "wim", "password": "Een-lang-wachtwoord-42"})
    assert r["Location"] == "/backoffice/"
    r = client.post(
        "/backoffice/inloggen?next=/backoffice/buurtberichten/",
        {"username": "wim", "password": "Een-lang-wachtwoord-42"},
    )
    assert r["Location"] == "/backoffice/buurtberichten/"
