from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from kaartlagen.services import inhoud


def home(request):
    return render(request, "portaal/home.html", {"inhoud": inhoud()})


def gezondheid(request):
    """Liveness for load balancers and `make run` smoke tests: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("select postgis_lib_version()")
        (postgis,) = cursor.fetchone()
    return JsonResponse({"status": "ok", "postgis": postgis})


def info(request, pagina: str):
    """The pages every municipal site has (contact, privacy, toegankelijkheid, proclaimer)."""
    context = {
        "contact_bewaartermijn": settings.MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN,
        "bewaartermijnen": settings.MELDINGEN_BEWAARTERMIJN_DAGEN,
    }
    return render(request, f"portaal/info/{pagina}.html", context)


def favicon(request):
    """Browsers ask /favicon.ico whatever the page says; send them to the one icon."""
    return redirect(static("portaal/favicon.svg"), permanent=True)
