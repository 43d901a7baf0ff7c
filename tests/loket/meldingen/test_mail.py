"""E-mails to a real SMTP server (aiosmtpd on 127.0.0.1), planned by the outbox consumer and sent by the
mail outbox (kern.mail): confirmation with the track & trace link, a mail on each status change to
melder and followers, the "Bent u tevreden?" question after afhandeling; a refused address holds up
and repeats nobody else's mail."""

import pytest

from kern.mail.models import AFGEWEZEN, Bezorging
from loket.meldingen import services
from loket.meldingen.models import Volger
from loket.zaken import services as zaken
from tests.loket.meldingen.helpers import PUNT_RD, verstuur
from tests.support.factories import VolgerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def tekst(bericht) -> str:
    return bericht.get_payload(decode=True).decode()


def test_bevestiging_statusmail_en_tevredenheid(adressen, smtp):
    ontvangen = smtp
    verstuur()  # start after whatever the migrations recorded
    ontvangen.clear()
    melding = services.meld(
        services.Invoer(
            "lamp-kapot", "De lamp doet het niet.", *PUNT_RD, email="melder@example.org", toestemming=True
        )
    )
    VolgerFactory(melding=melding, email="buur@example.org")
    assert verstuur() == 1
    [bevestiging] = ontvangen
    assert bevestiging["To"] == "melder@example.org"
    assert melding.zaak.referentie in bevestiging["Subject"]
    assert f"https://loket.example/meldingen/volgen/{melding.token}" in tekst(bevestiging)

    zaken.wijzig_status(melding.zaak, "afgehandeld", tekst_voor_burger="De lamp is vervangen.")
    assert verstuur() == 2
    aan = {b["To"]: tekst(b) for b in ontvangen[1:]}
    assert set(aan) == {"melder@example.org", "buur@example.org"}
    assert (
        "De lamp is vervangen." in aan["melder@example.org"]
        and "Bent u tevreden?" in aan["melder@example.org"]
    )
    volger = Volger.objects.get()
    assert f"/meldingen/volgen/{volger.token}" in aan["buur@example.org"]
    assert melding.token not in aan["buur@example.org"]  # each gets their own link
    assert verstuur() == 0  # nothing twice


def test_zonder_email_geen_mail_en_smtp_storing_verliest_niets(adressen, smtp, settings):
    verstuur()
    smtp.clear()
    services.meld(services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD))
    assert verstuur() == 0
    services.meld(
        services.Invoer("lamp-kapot", "Nog een lamp stuk.", *PUNT_RD, email="x@example.org", toestemming=True)
    )
    settings.EMAIL_PORT = 1  # nothing listens there
    settings.MAIL_BACKOFF_BASIS = 0  # try again at once
    assert verstuur() == 0
    assert Bezorging.objects.get().pogingen == 1
    settings.EMAIL_PORT = smtp.poort
    assert verstuur() == 1
    assert [b["To"] for b in smtp] == ["x@example.org"]


def test_een_geweigerd_adres_houdt_niemand_op_en_herhaalt_niets(adressen, smtp):
    """Issue 13 point 1: a refused address used to keep the consumer's cursor where it was, so ok2@
    got nothing and ok1@ got the same confirmation every minute."""
    verstuur()
    smtp.clear()
    smtp.weigeren.add("weg@example.org")
    for adres in ("ok1@example.org", "weg@example.org", "ok2@example.org"):
        services.meld(
            services.Invoer("lamp-kapot", "De lamp doet het niet.", *PUNT_RD, email=adres, toestemming=True)
        )
    assert verstuur() == 2
    for _ in range(3):
        assert verstuur() == 0
    assert sorted(b["To"] for b in smtp) == ["ok1@example.org", "ok2@example.org"]
    geweigerd = Bezorging.objects.get(aan="weg@example.org")
    assert geweigerd.status == AFGEWEZEN and geweigerd.laatste_fout.startswith("550")
    assert "weg@example.org" not in geweigerd.laatste_fout
