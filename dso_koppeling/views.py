"""The Verzoeknotificatie webhook: DSO tells us a verzoek arrived. We check the signature, note it and
enqueue a sync in the same transaction; the sync itself fetches what is new."""

import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from procrastinate.exceptions import AlreadyEnqueued

from dso_koppeling.handtekening import HEADER, klopt, mac
from dso_koppeling.models import Notificatie
from dso_koppeling.tasks import sync_verzoeken
from kern.problem import probleem


@csrf_exempt  # not a browser form: the HMAC signature is the authentication
@require_POST
def verzoeknotificatie(request):
    if not klopt(settings.DSO_WEBHOOK_GEHEIM, request.body, request.headers.get(HEADER)):
        return probleem(
            401,
            "handtekening_ongeldig",
            "Handtekening ontbreekt of klopt niet",
            f"Onderteken de body met HMAC-SHA256 in de header {HEADER}.",
        )
    try:
        data = json.loads(request.body)
        volgnummer = data.get("volgnummer")
        nummer = str(data.get("verzoeknummer") or "")[:60]
    except (ValueError, AttributeError):
        return probleem(400, "body_ongeldig", "De body is geen geldige JSON")
    with transaction.atomic():
        try:
            with transaction.atomic():
                Notificatie.objects.create(
                    verzoeknummer=nummer,
                    volgnummer=volgnummer if isinstance(volgnummer, int) else None,
                    handtekening=mac(request.headers[HEADER]),
                )
        except IntegrityError:
            # The same signed notification again (a replay, or DSO retrying): answered, not acted upon.
            return JsonResponse({"ontvangen": True, "herhaald": True}, status=202)
        try:
            with transaction.atomic():
                sync_verzoeken.defer(aanleiding="webhook")
        except AlreadyEnqueued:
            pass  # a sync is already waiting: it will pick this verzoek up too
    return JsonResponse({"ontvangen": True}, status=202)
