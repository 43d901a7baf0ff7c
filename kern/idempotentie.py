"""`Idempotency-Key` on the POSTs that create or change something (a melding, joining one, a staff status
change or assignment): a client that timed out and sends the same request again with the same key gets
the first answer back instead of a second melding or a second status change.

The key is scoped to the operation and the user (or "anoniem"), kept `IDEMPOTENTIE_UREN` hours, and tied
to a fingerprint of the request: the same key with another body is refused (422). Concurrent retries
queue on a PostgreSQL advisory lock on the key, so the second one waits for the first and then answers
from what it stored. Only successful answers (2xx) are kept; after an error a retry simply runs again.
"""

import hashlib
import json
import re
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from kern.api import ApiFout
from kern.models import IdempotentAntwoord

HEADER = "Idempotency-Key"
GELDIG = re.compile(r"[A-Za-z0-9_.:-]{16,200}")
# For the view's @extend_schema(parameters=[...]).
PARAMETER = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    pattern=GELDIG.pattern,
    description=(
        "Een willekeurige sleutel per poging (bijv. een UUID). Stuurt u hetzelfde verzoek na een time-out "
        "opnieuw met dezelfde sleutel, dan krijgt u het eerste antwoord terug (header Idempotent-Replayed) "
        "in plaats van dat het verzoek nog eens wordt uitgevoerd (een tweede melding, een tweede "
        "statuswijziging). Dezelfde sleutel met een ander verzoek: 422. 24 uur geldig."
    ),
)


def _afdruk(request) -> str:
    """A fingerprint of what was sent: the fields and every uploaded file's name, size and content."""
    h = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    data = request.data
    # A form: every value of each field; JSON: the object, or whatever else was sent (the view answers
    # that with a 400, and the fingerprint must not fail on it first).
    velden = {k: data.getlist(k) for k in data} if hasattr(data, "getlist") else data
    h.update(json.dumps(velden, sort_keys=True, default=str).encode())
    for naam in sorted(request.FILES):
        for bestand in request.FILES.getlist(naam):
            h.update(f"\n{naam}:{bestand.name}:{bestand.size}:".encode())
            for stuk in bestand.chunks():
                h.update(stuk)
            bestand.seek(0)
    return h.hexdigest()


def idempotent(operatie: str):
    """Decorator for a DRF view's `post`: honours the Idempotency-Key header when one is sent."""

    def decorator(post):
        @wraps(post)
        def omhulsel(view, request, *args, **kwargs):
            sleutel = request.headers.get(HEADER)
            if sleutel is None:
                return post(view, request, *args, **kwargs)
            if not GELDIG.fullmatch(sleutel):
                raise ApiFout(
                    "idempotency_key_ongeldig",
                    "Idempotency-Key moet 16 tot 200 tekens zijn (letters, cijfers, - _ . :), bijvoorbeeld een UUID.",
                )
            wie = f"gebruiker:{request.user.pk}" if request.user.is_authenticated else "anoniem"
            afdruk = _afdruk(request)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                        [f"{operatie}|{wie}|{sleutel}"],
                    )
                eerder = IdempotentAntwoord.objects.filter(
                    operatie=operatie, wie=wie, sleutel=sleutel
                ).first()
                if eerder is not None and eerder.verloopt <= timezone.now():
                    eerder.delete()
                    eerder = None
                if eerder is not None:
                    if eerder.afdruk != afdruk:
                        raise ApiFout(
                            "idempotency_key_hergebruikt",
                            "Deze Idempotency-Key is al gebruikt voor een ander verzoek.",
                            "Idempotency-Key hergebruikt",
                            422,
                        )
                    return Response(
                        eerder.inhoud, status=eerder.status, headers={"Idempotent-Replayed": "true"}
                    )
                antwoord = post(view, request, *args, **kwargs)
                if 200 <= antwoord.status_code < 300:
                    IdempotentAntwoord.objects.create(
                        operatie=operatie,
                        wie=wie,
                        sleutel=sleutel,
                        afdruk=afdruk,
                        status=antwoord.status_code,
                        inhoud=antwoord.data,
                        verloopt=timezone.now() + timedelta(hours=settings.IDEMPOTENTIE_UREN),
                    )
                return antwoord

        return omhulsel

    return decorator


def ruim_op(nu=None) -> int:
    return IdempotentAntwoord.objects.filter(verloopt__lte=nu or timezone.now()).delete()[0]
