"""Track & trace with an unguessable token, "Bent u tevreden?" with reopening, the resident's own data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loket.meldingen import services
from loket.meldingen.models import Melding, Reactie
from loket.zaken import services as zaken
from loket.zaken.models import Zaak
from tests.loket.meldingen.helpers import PUNT_RD
from tests.support.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding(adressen):
    return services.meld(
        services.Invoer(
            "losse-stoeptegel", "Tegel los bij de bakker.", *PUNT_RD, email="melder@example.org",
            telefoon="0612345678", toestemming=True,
        )
    )  # fmt: skip


def test_volgpagina_toont_teksten_voor_burger_en_geen_persoonsgegevens(melding, client, teams):
    wim = MedewerkerFactory(username="wim", teams=[teams["wegen"]])
    zaken.wijzig_status(melding.zaak, "ingepland", wim, "Ploeg van Jan", "We komen dinsdag.")
    assert len(melding.token) >= 43
    r = client.get(f"/meldingen/volgen/{melding.token}")
    html = r.content.decode()
    assert r.status_code == 200 and r["Referrer-Policy"] == "no-referrer"
    assert melding.zaak.referentie in html and "We komen dinsdag." in html and "Ingepland" in html
    for geheim in ("Ploeg van Jan", "melder@example.org", "0612345678", "wim"):
        assert geheim not in html
    # The melder's own words are on the melder's own page and API answer (issue 14 point 6), no one else's.
    assert "Tegel los bij de bakker" in html
    antwoord = client.get(f"/api/meldingen/volgen/{melding.token}")
    assert antwoord["Cache-Control"] == "private, no-store"  # issue 13 point 10
    api = antwoord.json()
    assert [h["tekst"] for h in api["historie"]][-1] == "We komen dinsdag."
    assert "melder@example.org" not in str(api) and "Ploeg" not in str(api)
    assert client.get("/meldingen/volgen/verkeerd-token").status_code == 404
    assert client.get("/api/meldingen/volgen/verkeerd-token").json()["code"] == "niet_gevonden"


def test_niet_tevreden_binnen_14_dagen_vraagt_heropenen(melding, client):
    url = f"/meldingen/volgen/{melding.token}/reactie"
    assert "tot 14 dagen na de afhandeling" in client.get(url).content.decode()  # not afgehandeld yet
    zaken.wijzig_status(melding.zaak, "afgehandeld")
    r = client.post(url, {"tevreden": "nee", "toelichting": "De tegel ligt nog steeds los."})
    assert r.status_code == 200 and "Bedankt" in r.content.decode()
    zaak = Zaak.objects.get(pk=melding.pk)
    assert zaak.status.code == "verzoek_tot_heropenen" and zaak.einddatum is None
    laatste = zaak.statussen.last()
    assert laatste.door_omschrijving == "melder" and "nog steeds los" in laatste.toelichting_intern


def test_na_14_dagen_geen_reactie_meer(melding, client):
    zaken.wijzig_status(melding.zaak, "afgehandeld")
    Zaak.objects.filter(pk=melding.pk).update(einddatum=timezone.now() - timedelta(days=15))
    r = client.post(f"/meldingen/volgen/{melding.token}/reactie", {"tevreden": "nee"})
    assert r.status_code == 400
    assert Zaak.objects.get(pk=melding.pk).status.code == "afgehandeld" and not Reactie.objects.exists()


def test_tevreden_laat_status_staan(melding, client):
    zaken.wijzig_status(melding.zaak, "afgehandeld")
    client.post(f"/meldingen/volgen/{melding.token}/reactie", {"tevreden": "ja"})
    assert Zaak.objects.get(pk=melding.pk).status.code == "afgehandeld"
    assert Reactie.objects.get().tevreden


def test_eigen_gegevens_downloaden_en_wissen(melding, client, settings, tmp_path):
    url = f"/meldingen/volgen/{melding.token}/gegevens"
    r = client.get(url, {"download": "json"})
    assert r.json()["email"] == "melder@example.org" and r.json()["telefoon"] == "0612345678"
    client.post(url)
    melding = Melding.objects.get(pk=melding.pk)
    assert (melding.email, melding.telefoon) == ("", "") and melding.contact_verwijderd is not None
    assert client.get(url, {"download": "json"}).json()["email"] == ""
