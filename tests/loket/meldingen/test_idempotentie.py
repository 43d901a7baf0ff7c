"""Issue 13 point 6: creating a melding (and joining one, and the staff API's status change and
assignment) honours `Idempotency-Key`: a client that timed
out and retries with the same key gets the first answer, never a second melding; also when the retries
arrive at the same moment."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from kern.models import IdempotentAntwoord
from loket.meldingen.models import Volger
from loket.zaken.models import Gebeurtenis, Status, Zaak
from loket.zaken.services import STATUS_GEWIJZIGD
from tests.loket.meldingen.helpers import melding_data
from tests.support.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def meld(client, sleutel=None, **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": sleutel} if sleutel else {}
    return client.post("/api/meldingen", melding_data(**extra), content_type="application/json", **headers)


def test_vijf_keer_opnieuw_met_dezelfde_sleutel_een_melding(adressen, client):
    sleutel = str(uuid.uuid4())
    antwoorden = [meld(client, sleutel) for _ in range(5)]
    assert {a.status_code for a in antwoorden} == {201}
    assert len({a.json()["referentie"] for a in antwoorden}) == 1
    assert [a.get("Idempotent-Replayed") for a in antwoorden] == [None] + ["true"] * 4
    assert Zaak.objects.count() == 1
    # Without a key, or with another key: a new melding, as before.
    assert meld(client).status_code == 201 and meld(client, str(uuid.uuid4())).status_code == 201
    assert Zaak.objects.count() == 3


def test_dezelfde_sleutel_ander_verzoek_is_422(adressen, client):
    sleutel = str(uuid.uuid4())
    assert meld(client, sleutel).status_code == 201
    r = meld(client, sleutel, omschrijving="Een heel andere melding over iets anders.")
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_hergebruikt"
    assert r["Content-Type"] == "application/problem+json"
    assert meld(client, "kort").json()["code"] == "idempotency_key_ongeldig"
    assert Zaak.objects.count() == 1


def test_fout_wordt_niet_bewaard_en_verlopen_sleutel_telt_niet(adressen, client):
    sleutel = str(uuid.uuid4())
    assert meld(client, sleutel, categorie="bestaat-niet").status_code == 400
    assert meld(client, sleutel).status_code == 201  # the error was not kept: the retry runs
    IdempotentAntwoord.objects.update(verloopt=timezone.now() - timedelta(seconds=1))
    assert meld(client, sleutel).status_code == 201 and Zaak.objects.count() == 2


def test_aansluiten_idempotent(adressen, client):
    eerste = meld(client).json()["referentie"]
    sleutel = str(uuid.uuid4())
    for _ in range(3):
        r = client.post(
            f"/api/meldingen/{eerste}/aansluiten",
            {"toestemming": False},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=sleutel,
        )
        assert r.status_code == 201
    assert Volger.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_herhalingen_een_melding(adressen):
    sleutel = str(uuid.uuid4())
    start = threading.Barrier(5)
    antwoorden = []

    def poging():
        try:
            start.wait()
            antwoorden.append(meld(Client(), sleutel))
        finally:
            connection.close()

    draden = [threading.Thread(target=poging) for _ in range(5)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert [a.status_code for a in antwoorden] == [201] * 5
    assert len({a.json()["referentie"] for a in antwoorden}) == 1
    assert Zaak.objects.count() == 1


def test_statuswijziging_en_toewijzing_in_de_backoffice_idempotent(adressen, client, teams):
    """The staff API's changing POSTs honour the key too: a retried status change is one status (and
    one mail to the melder), not a second change or a 400 for "already ingepland"."""
    referentie = meld(client).json()["referentie"]
    zaak = Zaak.objects.get(referentie=referentie)
    client.force_login(MedewerkerFactory(teams=[zaak.behandelend_team]))
    url = f"/api/backoffice/meldingen/{referentie}"
    sleutel = str(uuid.uuid4())
    wijziging = {"status": "ingepland", "tekst_voor_burger": "Volgende week."}
    antwoorden = [
        client.post(f"{url}/status", wijziging, content_type="application/json", HTTP_IDEMPOTENCY_KEY=sleutel)
        for _ in range(3)
    ]
    assert [a.status_code for a in antwoorden] == [200] * 3, antwoorden[-1].content
    assert [a.get("Idempotent-Replayed") for a in antwoorden] == [None, "true", "true"]
    assert Status.objects.filter(zaak=zaak, statustype__code="ingepland").count() == 1
    assert Gebeurtenis.objects.filter(zaak=zaak, soort=STATUS_GEWIJZIGD).count() == 1
    ander = client.post(
        f"{url}/status",
        {"status": "afgehandeld"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=sleutel,
    )
    assert ander.status_code == 422 and ander["Content-Type"] == "application/problem+json"

    sleutel = str(uuid.uuid4())
    for _ in range(2):
        r = client.post(
            f"{url}/toewijzing",
            {"medewerker": ""},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=sleutel,
        )
        assert r.status_code == 200
    assert r["Idempotent-Replayed"] == "true"
