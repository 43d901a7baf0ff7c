"""Issue 13 point 5: joining a melding with an e-mail address is a double opt-in. The address first gets
one mail (through kern.mail) with its own track & trace link; nothing else is sent to it, and the
requester does not get that link, until the owner of the address confirms on the page it leads to."""

import pytest

from kern.mail.models import Bezorging
from loket.meldingen import services
from loket.meldingen.models import Volger
from loket.zaken import services as zaken
from tests.loket.meldingen.helpers import PUNT_RD, verstuur

pytestmark = pytest.mark.django_db(transaction=True)


def test_aansluiten_pas_na_bevestiging(adressen, client, smtp):
    melding = services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    verstuur()
    r = client.post(
        f"/api/meldingen/{melding.zaak.referentie}/aansluiten",
        {"email": "buur@example.org", "toestemming": True},
        content_type="application/json",
    )
    # Before: 201 with the follower's token, and the address got every status mail from then on.
    assert r.status_code == 202, r.content
    assert "token" not in r.json() and "volg_url" not in r.json()
    volger = Volger.objects.get()
    assert volger.bevestigd is None
    assert volger.token not in r.content.decode()

    zaken.wijzig_status(melding.zaak, "in_behandeling")
    verstuur()
    [bevestigmail] = smtp  # the confirmation only, not the status mail
    assert bevestigmail["To"] == "buur@example.org"
    tekst = bevestigmail.get_payload(decode=True).decode()
    link = f"https://loket.example/meldingen/volgen/{volger.token}"
    assert link in tekst and melding.zaak.referentie in tekst
    assert Bezorging.objects.get().soort == "melding.aansluiten"

    # The link asks to confirm (a mail scanner that opens it confirms nothing) ...
    pagina = client.get(f"/meldingen/volgen/{volger.token}")
    assert pagina.status_code == 200 and "Bevestig" in pagina.content.decode()
    volger.refresh_from_db()
    assert volger.bevestigd is None
    # ... and the button does.
    r = client.post(f"/meldingen/volgen/{volger.token}/bevestigen")
    assert r.status_code == 302 and r["Location"] == f"/meldingen/volgen/{volger.token}"
    volger.refresh_from_db()
    assert volger.bevestigd is not None

    zaken.wijzig_status(melding.zaak, "afgehandeld", tekst_voor_burger="De lamp is vervangen.")
    verstuur()
    assert [b["Subject"] for b in smtp][1:] == [f"Nieuws over uw melding {melding.zaak.referentie}"]


def test_nogmaals_aansluiten_stuurt_geen_tweede_mail(adressen, client, smtp):
    melding = services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    for _ in range(3):
        r = client.post(
            f"/api/meldingen/{melding.zaak.referentie}/aansluiten",
            {"email": "Buur@example.org", "toestemming": True},
            content_type="application/json",
        )
        assert r.status_code == 202
    verstuur()
    assert Volger.objects.count() == 1 and len(smtp) == 1


def test_zonder_email_meteen_de_volglink(adressen, client):
    melding = services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    r = client.post(
        f"/api/meldingen/{melding.zaak.referentie}/aansluiten",
        {"toestemming": False},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["token"] == Volger.objects.get().token


def test_formulier_met_email_zegt_kijk_in_uw_mail(adressen, client, smtp):
    melding = services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    r = client.post(
        f"/meldingen/{melding.zaak.referentie}/aansluiten", {"email": "buur@example.org", "toestemming": "ja"}
    )
    assert r.status_code == 200 and "Kijk in uw e-mail" in r.content.decode()
    assert Volger.objects.get().token not in r.content.decode()
