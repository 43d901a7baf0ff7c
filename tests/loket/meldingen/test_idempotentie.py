"""Issue 13 point 6: creating a melding (and joining one) honours `Idempotency-Key`: a client that timed
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
from loket.zaken.models import Zaak
from tests.loket.meldingen.helpers import melding_data

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
