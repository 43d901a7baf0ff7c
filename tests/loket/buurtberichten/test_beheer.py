"""The manage link: areas, topics, frequency, pause; unsubscribe (also one-click after RFC 8058)
erases the personal data at once; inzage as JSON."""

import json

import pytest
from django.test import Client

from loket.buurtberichten import gebieden, matching, verspreiding
from loket.buurtberichten.mails import SOORT_BERICHT
from loket.buurtberichten.models import Abonnement, Bezorging, Gebied
from tests.loket.buurtberichten.helpers import ADRES_12A, BIJ_12A, abonnement, bericht, geplande_mails, zet

pytestmark = pytest.mark.django_db


@pytest.fixture
def abo(buurt):
    return abonnement(gebieden.rond_adres(ADRES_12A, 250), email="buur@example.org")


def beheer(client, abo, **data):
    return client.post(f"/buurtberichten/beheer/{abo.token}", data)


def test_beheerpagina(client, abo):
    r = client.get(f"/buurtberichten/beheer/{abo.token}")
    assert r.status_code == 200 and r["Referrer-Policy"] == "same-origin"
    html = r.content.decode()
    assert "buur@example.org" in html and "Keizerstraat 12a, 1781AB Den Helder, 250 meter" in html
    assert client.get("/buurtberichten/beheer/onbekend").status_code == 404


def test_onderwerpen_en_frequentie_wijzigen(client, abo):
    r = beheer(client, abo, actie="voorkeuren", onderwerpen=["evenement"], frequentie="wekelijks")
    assert r.status_code == 200 and "opgeslagen" in r.content.decode()
    abo.refresh_from_db()
    assert abo.onderwerpen == ["evenement"] and abo.frequentie == "wekelijks"
    # Matching follows at once (the areas carry the choices).
    assert matching.ontvangers(BIJ_12A, "werkzaamheden") == []
    assert matching.ontvangers(BIJ_12A, "evenement", frequentie="wekelijks") == [abo.pk]
    assert (
        beheer(client, abo, actie="voorkeuren", frequentie="elk-uur", onderwerpen=["evenement"]).status_code
        == 400
    )


def test_gebieden_toevoegen_en_verwijderen(client, abo, buurt):
    assert beheer(client, abo, actie="gebied_toevoegen", gebied_soort="buurt", buurt=buurt).status_code == 200
    assert sorted(abo.gebieden.values_list("soort", flat=True)) == ["adres", "buurt"]
    adres = abo.gebieden.get(soort=Gebied.Soort.ADRES)
    assert beheer(client, abo, actie="gebied_verwijderen", gebied=adres.pk).status_code == 200
    laatste = abo.gebieden.get()
    r = beheer(client, abo, actie="gebied_verwijderen", gebied=laatste.pk)
    assert r.status_code == 400 and "enige gebied" in r.content.decode()
    assert abo.gebieden.count() == 1


def test_pauze_stuurt_niets_en_laat_wachtende_vallen(client, abo):
    zet(abo, frequentie="wekelijks")
    eerste = bericht()
    verspreiding.verspreid(eerste.pk)
    assert Bezorging.objects.filter(abonnement=abo, gemaild_op__isnull=True).count() == 1
    assert beheer(client, abo, actie="pauzeer").status_code == 200
    assert not Bezorging.objects.filter(abonnement=abo).exists()
    verspreiding.verspreid(bericht(titel="Tijdens de pauze").pk)
    assert verspreiding.overzichten("wekelijks") == 0 and not Bezorging.objects.exists()
    assert beheer(client, abo, actie="hervat").status_code == 200
    verspreiding.verspreid(bericht(titel="Na de pauze").pk)
    assert verspreiding.overzichten("wekelijks") == 1


def test_afmelden_wist_meteen(client, abo):
    zet(abo, frequentie="direct")
    b = bericht()
    verspreiding.verspreid(b.pk)
    verspreiding.mail_direct(b.pk)
    assert geplande_mails(SOORT_BERICHT)[0]["aan"] == "buur@example.org"
    r = client.get(f"/buurtberichten/afmelden/{abo.token}")
    assert r.status_code == 200 and Abonnement.objects.exists()  # GET only shows the button
    r = client.post(f"/buurtberichten/afmelden/{abo.token}")
    assert r.status_code == 200 and "gewist" in r.content.decode()
    assert not Abonnement.objects.exists() and not Gebied.objects.exists() and not Bezorging.objects.exists()
    assert all(m["aan"] != "buur@example.org" for m in geplande_mails())
    assert client.post(f"/buurtberichten/afmelden/{abo.token}").status_code == 404


def test_een_klik_afmelden_rfc_8058(abo):
    """The mail client POSTs `List-Unsubscribe=One-Click` to the URL of the header, without our
    CSRF token and without cookies."""
    zet(abo, frequentie="direct")
    b = bericht()
    verspreiding.verspreid(b.pk)
    verspreiding.mail_direct(b.pk)
    [mail] = geplande_mails(SOORT_BERICHT)
    assert mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = mail["headers"]["List-Unsubscribe"].strip("<>")
    assert url.endswith(f"/buurtberichten/afmelden/{abo.token}")
    assert url in mail["tekst"]  # the same link in the footer, for people

    mailclient = Client(enforce_csrf_checks=True)
    pad = url[url.index("/buurtberichten/") :]
    r = mailclient.post(pad, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 200
    assert not Abonnement.objects.exists()
    # A second click (or a retry by the mail server) is still a success.
    r = mailclient.post(pad, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 200


def test_inzage_als_json(client, abo):
    r = client.get(f"/buurtberichten/gegevens/{abo.token}")
    assert (
        r.status_code == 200 and "attachment" in r["Content-Disposition"] and r["Cache-Control"] == "no-store"
    )
    data = json.loads(r.content)
    assert data["email"] == "buur@example.org"
    assert data["toestemming"]["bron"] == "test" and data["toestemming"]["bevestigd_op"]
    assert (
        data["gebieden"][0]["straal_m"] == 250 and data["gebieden"][0]["geometrie"]["type"] == "MultiPolygon"
    )
    lon, lat = data["gebieden"][0]["geometrie"]["coordinates"][0][0][0]
    assert 4 < lon < 6 and 52 < lat < 54  # WGS84 at the web edge
    assert "afmeldt" in data["bewaartermijn"]
    assert client.get("/buurtberichten/gegevens/onbekend").status_code == 404
