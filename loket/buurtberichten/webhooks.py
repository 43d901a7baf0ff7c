"""Webhooks for organisations: a subscription after the VNG Notificaties API (kanaal, filters on
kenmerken, callback URL, auth) whose body is a CloudEvent in the NL GOV profile, signed after the
Standard Webhooks scheme (HMAC-SHA256 over "id.timestamp.body").

Delivery is at least once, like Open Notificaties: one row per (abonnement, bericht), retried with
backoff 25 s · 4^n (at most 7 attempts, spread over about a day); receivers dedupe on the event id."""

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kaartlagen.models import Buurt
from kern import gemeente
from loket.buurtberichten import geometrie, mails
from loket.buurtberichten.models import Bericht, Webhookabonnement, Webhookbezorging

logger = logging.getLogger(__name__)
KANAAL = "buurtberichten"
MAX_POGINGEN = 7
BACKOFF_S, BACKOFF_BASIS, MAX_WACHT_S = 25, 4, 52_000
TIMEOUT_S = 10
BATCH = 20


def kenmerken(bericht: Bericht) -> dict:
    """What filters can select on (as the Notificaties API's kenmerken): soort and buurtcodes."""
    return {
        "soort": bericht.soort,
        "buurtcode": list(Buurt.objects.filter(geom__intersects=bericht.geom).values_list("code", flat=True)),
    }


def past(filters: dict, kenmerk: dict) -> bool:
    """Every filter key must hold: its list of values shares one with the bericht's kenmerk."""
    for sleutel, waarden in (filters or {}).items():
        waarde = kenmerk.get(sleutel)
        gegeven = set(waarde) if isinstance(waarde, list) else {waarde}
        gevraagd = set(waarden) if isinstance(waarden, list) else {waarden}
        if not gegeven & gevraagd:
            return False
    return True


def plan(bericht: Bericht) -> int:
    """One delivery row per matching webhook subscription (called in the fan-out's transaction)."""
    abonnementen = list(Webhookabonnement.objects.filter(actief=True, kanaal=KANAAL))
    if not abonnementen:
        return 0
    kenmerk = kenmerken(bericht)
    rijen = [
        Webhookbezorging(abonnement=a, bericht=bericht, volgende_poging=timezone.now())
        for a in abonnementen
        if past(a.filters, kenmerk)
    ]
    Webhookbezorging.objects.bulk_create(rijen, ignore_conflicts=True)
    return len(rijen)


def cloudevent(bericht: Bericht) -> dict:
    """The bericht as a CloudEvent 1.0 in the NL GOV profile: source a URN with namespace nld and
    our OIN, type in reverse-DNS notation, id a UUID; the data is the public bericht only."""
    g = gemeente.huidige()
    return {
        "specversion": "1.0",
        "id": str(bericht.uuid),
        "source": f"urn:nld:oin:{g.oin}:systeem:omgevingsloket",
        "type": f"nl.{g.code}.buurtberichten.bericht-gepubliceerd",
        "subject": str(bericht.uuid),
        "time": bericht.gepubliceerd.isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "dataref": mails.link("buurtberichten:bericht", bericht.uuid),
        "data": {
            "kanaal": KANAAL,
            "soort": bericht.soort,
            "titel": bericht.titel,
            "tekst": bericht.tekst,
            "link": bericht.link or None,
            "begin": bericht.begin.isoformat() if bericht.begin else None,
            "eind": bericht.eind.isoformat() if bericht.eind else None,
            "kenmerken": kenmerken(bericht),
            "geometrie": geometrie.als_geojson_wgs84(bericht.geom),
        },
    }


def handtekening(geheim: str, bericht_id: str, tijdstip: int, body: bytes) -> str:
    """Standard Webhooks: base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", prefixed with v1."""
    inhoud = f"{bericht_id}.{tijdstip}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(geheim.encode(), inhoud, hashlib.sha256).digest()).decode()


def verzoek(
    abonnement: Webhookabonnement, event: dict, tijdstip: int | None = None
) -> urllib.request.Request:
    if not abonnement.callback_url.startswith(("https://", "http://")):
        raise ValueError("callback_url is geen http(s)-URL")
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    tijdstip = tijdstip or int(time.time())
    headers = {
        "Content-Type": "application/cloudevents+json; charset=utf-8",
        "webhook-id": event["id"],
        "webhook-timestamp": str(tijdstip),
        "webhook-signature": handtekening(abonnement.geheim, event["id"], tijdstip, body),
    }
    if abonnement.auth:
        headers["Authorization"] = abonnement.auth
    return urllib.request.Request(abonnement.callback_url, data=body, headers=headers, method="POST")  # noqa: S310


def _post(request: urllib.request.Request) -> None:
    """Any 2xx is delivered; urllib raises on everything else."""
    with urllib.request.urlopen(request, timeout=TIMEOUT_S):  # noqa: S310 - http(s) only, see verzoek()
        pass


def _wacht(pogingen: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_S * BACKOFF_BASIS ** (pogingen - 1), MAX_WACHT_S))


def verstuur(batch: int = BATCH) -> dict:
    """Send the due deliveries; a 2xx is delivered, anything else is tried again later."""
    telling = {"afgeleverd": 0, "mislukt": 0, "opgegeven": 0}
    with transaction.atomic():
        rijen = list(
            Webhookbezorging.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                afgeleverd_op__isnull=True, pogingen__lt=MAX_POGINGEN, volgende_poging__lte=timezone.now()
            )
            .select_related("abonnement", "bericht")
            .order_by("volgende_poging")[:batch]
        )
        for rij in rijen:
            rij.pogingen += 1
            try:
                _post(verzoek(rij.abonnement, cloudevent(rij.bericht)))
                rij.afgeleverd_op, rij.laatste_fout = timezone.now(), ""
                telling["afgeleverd"] += 1
            except (urllib.error.URLError, OSError, ValueError) as exc:
                rij.laatste_fout = str(getattr(exc, "code", "") or type(exc).__name__)[:300]
                rij.volgende_poging = timezone.now() + _wacht(rij.pogingen)
                telling["opgegeven" if rij.pogingen >= MAX_POGINGEN else "mislukt"] += 1
                # Only the subscriber's name and the status: the URL may carry a secret.
                logger.warning(
                    "webhook %s: poging %d mislukt (%s)", rij.abonnement.naam, rij.pogingen, rij.laatste_fout
                )
            rij.save(update_fields=["pogingen", "afgeleverd_op", "laatste_fout", "volgende_poging"])
    return telling
