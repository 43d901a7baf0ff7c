"""AVG: the scheduled job removes contact data after its term and meldingen after their retention
per status, and logs the counts; the rate limit counts per IP and refuses with 429."""

import logging
import os
from datetime import timedelta

import pytest
from django.utils import timezone

from loket.meldingen import avg, services, tasks
from loket.meldingen.models import Melding
from loket.zaken import services as zaken
from loket.zaken.models import Document, Zaak
from tests.loket.meldingen.helpers import PUNT_RD, melding_data
from tests.support.factories import VolgerFactory

pytestmark = pytest.mark.django_db


def maak(email="melder@example.org"):
    melding = services.meld(
        services.Invoer("zwerfvuil", "Zakken vuil naast de bak.", *PUNT_RD, email=email, toestemming=True)
    )
    VolgerFactory(melding=melding, email="buur@example.org")
    return melding


def test_contactgegevens_weg_na_termijn_met_telling_in_log(adressen, settings, caplog):
    settings.MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN = 30
    oud, recent, open_ = maak(), maak(), maak()
    for melding in (oud, recent):
        zaken.wijzig_status(melding.zaak, "afgehandeld")
    Zaak.objects.filter(pk=oud.pk).update(einddatum=timezone.now() - timedelta(days=31))
    with caplog.at_level(logging.INFO, logger="loket.meldingen.avg"):
        assert avg.verwijder_contactgegevens() == 2  # the melder and the follower
    assert "contactgegevens verwijderd: 1 meldingen, 1 volgers" in caplog.text
    assert Melding.objects.get(pk=oud.pk).email == "" and Melding.objects.get(pk=oud.pk).contact_verwijderd
    assert (
        Melding.objects.get(pk=recent.pk).email
        == Melding.objects.get(pk=open_.pk).email
        == "melder@example.org"
    )
    assert avg.verwijder_contactgegevens() == 0  # idempotent


def test_meldingen_weg_na_bewaartermijn_per_status(adressen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MELDINGEN_BEWAARTERMIJN_DAGEN = {"afgehandeld": 100, "geannuleerd": 10}
    afgehandeld, geannuleerd, jong = maak(), maak(), maak()
    from django.core.files.base import ContentFile

    document = Document(zaak=afgehandeld.zaak, titel="Foto 1", content_type="image/jpeg", grootte=3)
    document.bestand.save("foto-1.jpg", ContentFile(b"abc"))
    pad = document.bestand.path
    zaken.wijzig_status(afgehandeld.zaak, "afgehandeld")
    zaken.wijzig_status(geannuleerd.zaak, "geannuleerd")
    zaken.wijzig_status(jong.zaak, "afgehandeld")
    Zaak.objects.filter(pk=afgehandeld.pk).update(
        laatste_statuswijziging=timezone.now() - timedelta(days=101)
    )
    Zaak.objects.filter(pk=geannuleerd.pk).update(laatste_statuswijziging=timezone.now() - timedelta(days=11))
    with pytest.MonkeyPatch.context() as mp:
        # on_commit inside a test transaction never fires: run the file removals at once.
        mp.setattr("django.db.transaction.on_commit", lambda f: f())
        geteld = avg.verwijder_verlopen()
    assert geteld["afgehandeld"] >= 1 and geteld["geannuleerd"] >= 1
    assert list(Zaak.objects.values_list("pk", flat=True)) == [jong.pk]
    assert not os.path.exists(pad)


def test_periodieke_taken_geregistreerd():
    namen = {t.task.name: t.cron for t in tasks.app.periodic_registry.periodic_tasks.values()}
    assert namen["meldingen.avg_opruimen"] == "17 3 * * *"
    assert namen["meldingen.plan_mails"] == namen["meldingen.ververs_openbaar"] == "* * * * *"


def test_opruimtaak_geeft_tellingen(adressen):
    resultaat = tasks.avg_opruimen(timestamp=0)
    assert set(resultaat) == {
        "contactgegevens_verwijderd",
        "meldingen_verwijderd",
        "tellers_verwijderd",
        "idempotente_antwoorden_verwijderd",
    }


def test_ratelimit_per_ip_geeft_429_en_slaat_niets_op(adressen, client, settings):
    settings.MELDINGEN_MAX_PER_UUR = 2
    for _ in range(2):
        assert (
            client.post("/api/meldingen", melding_data(), content_type="application/json").status_code == 201
        )
    r = client.post("/api/meldingen", melding_data(), content_type="application/json")
    assert r.status_code == 429 and r.json()["code"] == "te_veel_verzoeken"
    assert r["Content-Type"] == "application/problem+json"
    assert client.post("/meldingen/nieuw", melding_data(toch_melden="ja")).status_code == 429
    # A made-up X-Forwarded-For from an address that is no trusted proxy changes nothing.
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    spoof = client.post(
        "/api/meldingen", melding_data(), content_type="application/json", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert spoof.status_code == 429
    assert Zaak.objects.count() == 2
    # Another address has its own count.
    r = client.post("/api/meldingen", melding_data(), content_type="application/json", REMOTE_ADDR="10.1.2.3")
    assert r.status_code == 201
    from kern.models import Verzoekteller

    assert all("127.0.0.1" not in t.sleutel for t in Verzoekteller.objects.all())


def test_csrf_op_het_formulier(adressen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post("/meldingen/nieuw", melding_data()).status_code == 403
    assert not Zaak.objects.exists()
