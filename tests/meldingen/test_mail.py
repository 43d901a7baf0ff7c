"""E-mails to a real SMTP server (aiosmtpd on 127.0.0.1), sent by the outbox consumer: confirmation
with the track & trace link, a mail on each status change to melder and followers, and the
"Bent u tevreden?" question after afhandeling."""

import pytest

from loket.meldingen import mails, services
from loket.meldingen.models import Volger
from loket.zaken import services as zaken
from tests.meldingen.conftest import PUNT_RD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp_instellingen(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.poort
    settings.PORTAAL_URL = "https://loket.example"
    return smtp_server


def tekst(bericht) -> str:
    return bericht.get_payload(decode=True).decode()


def test_bevestiging_statusmail_en_tevredenheid(meldingen_basis, adressen, smtp_instellingen):
    ontvangen = smtp_instellingen
    mails.verstuur()  # start after whatever the migrations recorded
    ontvangen.clear()
    melding = services.meld(
        services.Invoer(
            "lamp-kapot", "De lamp doet het niet.", *PUNT_RD, email="melder@example.org", toestemming=True
        )
    )
    Volger.objects.create(melding=melding, email="buur@example.org")
    assert mails.verstuur() == 1
    [bevestiging] = ontvangen
    assert bevestiging["To"] == "melder@example.org"
    assert melding.zaak.referentie in bevestiging["Subject"]
    assert f"https://loket.example/meldingen/volgen/{melding.token}" in tekst(bevestiging)

    zaken.wijzig_status(melding.zaak, "afgehandeld", tekst_voor_burger="De lamp is vervangen.")
    assert mails.verstuur() == 2
    aan = {b["To"]: tekst(b) for b in ontvangen[1:]}
    assert set(aan) == {"melder@example.org", "buur@example.org"}
    assert (
        "De lamp is vervangen." in aan["melder@example.org"]
        and "Bent u tevreden?" in aan["melder@example.org"]
    )
    volger = Volger.objects.get()
    assert f"/meldingen/volgen/{volger.token}" in aan["buur@example.org"]
    assert melding.token not in aan["buur@example.org"]  # each gets their own link
    assert mails.verstuur() == 0  # nothing twice


def test_zonder_email_geen_mail_en_smtp_storing_verliest_niets(
    meldingen_basis, adressen, smtp_instellingen, settings
):
    mails.verstuur()
    smtp_instellingen.clear()
    services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    assert mails.verstuur() == 0
    services.meld(
        services.Invoer("lamp-kapot", "Nog een lamp stuk.", *PUNT_RD, email="x@example.org", toestemming=True)
    )
    settings.EMAIL_PORT = 1  # nothing listens there
    with pytest.raises(OSError):
        mails.verstuur()
    settings.EMAIL_PORT = smtp_instellingen.poort
    assert mails.verstuur() == 1
    assert [b["To"] for b in smtp_instellingen] == ["x@example.org"]
