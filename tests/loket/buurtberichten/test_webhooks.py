"""Webhooks for organisations: subscription after the VNG Notificaties API (kanaal, filters,
callback, auth), body a CloudEvent in the NL GOV profile, HMAC signature (Standard Webhooks),
at least once with backoff. A real HTTP server on 127.0.0.1 receives them."""

import base64
import hashlib
import hmac
import json
import threading
import uuid
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from loket.buurtberichten import verspreiding, webhooks
from loket.buurtberichten.models import Onderwerp, Webhookabonnement, Webhookbezorging
from tests.loket.buurtberichten.helpers import VER_WEG, bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvanger():
    """An HTTP server that stores what it receives; `antwoorden` lists the status codes to give."""
    ontvangen, antwoorden = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            ontvangen.append((self.headers, body))  # case-insensitive, as HTTP headers are
            self.send_response(antwoorden.pop(0) if antwoorden else 204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.ontvangen, server.antwoorden = ontvangen, antwoorden
    server.url = f"http://127.0.0.1:{server.server_port}/callback"
    yield server
    server.shutdown()


def test_cloudevent_met_handtekening(ontvanger, buurt, settings):
    abo = Webhookabonnement.objects.create(
        naam="Wijkplatform",
        callback_url=ontvanger.url,
        auth="Bearer geheim-token",
        filters={"buurtcode": [buurt]},
    )
    b = bericht(titel="Kerstmarkt", soort=Onderwerp.EVENEMENT)
    verspreiding.verspreid(b.pk)
    assert webhooks.verstuur() == {"afgeleverd": 1, "mislukt": 0, "opgegeven": 0}
    [(headers, body)] = ontvanger.ontvangen
    assert headers["Content-Type"] == "application/cloudevents+json; charset=utf-8"
    assert headers["Authorization"] == "Bearer geheim-token"
    # Standard Webhooks: v1,base64(HMAC-SHA256(secret, "id.timestamp.body")), checked here independently.
    inhoud = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    verwacht = base64.b64encode(hmac.new(abo.geheim.encode(), inhoud, hashlib.sha256).digest()).decode()
    assert headers["webhook-signature"] == f"v1,{verwacht}"
    vervalst = body.replace(b"Kerstmarkt", b"Kermis!!!!")
    assert (
        webhooks.handtekening(abo.geheim, headers["webhook-id"], int(headers["webhook-timestamp"]), vervalst)
        != headers["webhook-signature"]
    )

    event = json.loads(body)
    assert event["specversion"] == "1.0"
    assert uuid.UUID(event["id"]) == b.uuid and headers["webhook-id"] == event["id"]
    assert event["source"] == f"urn:nld:oin:{settings.GEMEENTE_OIN}:systeem:omgevingsloket"
    assert event["type"] == "nl.gm0400.buurtberichten.bericht-gepubliceerd"
    assert event["time"].endswith("Z") and event["subject"] == str(b.uuid)
    assert event["datacontenttype"] == "application/json" and event["dataref"].endswith(
        f"/buurtberichten/berichten/{b.uuid}"
    )
    assert event["data"]["kanaal"] == "buurtberichten" and event["data"]["soort"] == "evenement"
    assert event["data"]["kenmerken"]["buurtcode"] == [buurt]
    assert event["data"]["geometrie"]["type"] == "Point"
    assert webhooks.verstuur()["afgeleverd"] == 0  # delivered once


def test_filters_als_de_notificaties_api(ontvanger, buurt):
    Webhookabonnement.objects.create(
        naam="alleen evenementen", callback_url=ontvanger.url, filters={"soort": ["evenement"]}
    )
    Webhookabonnement.objects.create(
        naam="andere buurt", callback_url=ontvanger.url, filters={"buurtcode": ["BU04000103"]}
    )
    Webhookabonnement.objects.create(naam="alles", callback_url=ontvanger.url)
    Webhookabonnement.objects.create(naam="uit", callback_url=ontvanger.url, actief=False)
    verspreiding.verspreid(bericht(soort=Onderwerp.WERKZAAMHEDEN).pk)
    verspreiding.verspreid(bericht(soort=Onderwerp.EVENEMENT, geom=VER_WEG).pk)
    namen = sorted(Webhookbezorging.objects.values_list("abonnement__naam", "bericht__soort"))
    assert namen == [
        ("alleen evenementen", "evenement"),
        ("alles", "evenement"),
        ("alles", "werkzaamheden"),
        ("andere buurt", "evenement"),
    ]


def test_opnieuw_met_backoff_tot_het_lukt(ontvanger, buurt):
    Webhookabonnement.objects.create(naam="wankel", callback_url=ontvanger.url)
    verspreiding.verspreid(bericht().pk)
    ontvanger.antwoorden.extend([500, 503])
    assert webhooks.verstuur()["mislukt"] == 1
    rij = Webhookbezorging.objects.get()
    assert rij.pogingen == 1 and rij.laatste_fout == "500"
    assert timedelta(seconds=20) < rij.volgende_poging - timezone.now() <= timedelta(seconds=25)
    assert webhooks.verstuur()["mislukt"] == 0  # not due yet
    Webhookbezorging.objects.update(volgende_poging=timezone.now())
    webhooks.verstuur()
    rij.refresh_from_db()
    assert rij.pogingen == 2 and rij.volgende_poging - timezone.now() > timedelta(seconds=90)  # 25 s · 4
    Webhookbezorging.objects.update(volgende_poging=timezone.now())
    assert webhooks.verstuur()["afgeleverd"] == 1
    assert len(ontvanger.ontvangen) == 3
    assert len({h["webhook-id"] for h, _ in ontvanger.ontvangen}) == 1  # the same event id: receivers dedupe
