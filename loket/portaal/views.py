from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from prometheus_client import CONTENT_TYPE_LATEST

from kaartlagen.basiskaart import uitgave
from kaartlagen.basiskaart.mapproxy import configuratie_pad
from kaartlagen.services import inhoud
from kern import bedrijf, replica
from kern import gemeente as kern_gemeente
from kern.netwerk import client_ip, hoort_bij
from loket.portaal.context_processors import thema_css


def home(request):
    return render(request, "portaal/home.html", {"inhoud": inhoud()})


def gezondheid(request):
    """Liveness for load balancers and `make run` smoke tests: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("select postgis_lib_version()")
        (postgis,) = cursor.fetchone()
    return JsonResponse({"status": "ok", "postgis": postgis})


def gereed(request):
    """Readiness: the database answers and has every migration, the release built the basemap's
    configuration; with a replica, whether reads use it. A machine takes traffic only when this says
    200 (rolling releases, docs/production.md).

    A basemap that fell behind the newest release (this machine's `volg_basiskaart` stopped) is a
    warning, not a reason to take the machine out: it serves everything else as it should, and when
    every follower stopped, refusing traffic on all machines would turn a stale basemap into an outage.
    Monitoring alerts on it (docs/production.md)."""
    problemen = []
    if not configuratie_pad().exists():
        problemen.append("basiskaart: configuratie niet gebouwd (manage.py bouw_basiskaart)")
    try:
        executor = MigrationExecutor(connection)
        open_ = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if open_:
            problemen.append(f"{len(open_)} migraties niet toegepast")
    except DatabaseError as exc:
        problemen.append(f"database: {exc.__class__.__name__}")
    antwoord = {"status": "niet_gereed" if problemen else "gereed", "problemen": problemen}
    basiskaart = _basiskaart_achterstand() if not problemen else None
    if basiskaart is not None:
        antwoord["basiskaart"] = basiskaart
        if basiskaart["achter_s"] > settings.BASISKAART_MAX_ACHTERSTAND:
            antwoord["waarschuwingen"] = [
                f"basiskaart: uitgave {basiskaart['nieuwste']} is hier na {basiskaart['achter_s']:.0f} s nog "
                "niet gebouwd (draait manage.py volg_basiskaart op deze machine?)"
            ]
    if replica.REPLICA in settings.DATABASES:
        antwoord["replica"] = {
            "bruikbaar": replica.replica_bruikbaar(),
            "achterstand_s": replica.achterstand(),
        }
    return JsonResponse(antwoord, status=503 if problemen else 200)


def _basiskaart_achterstand() -> dict | None:
    try:
        return uitgave.achterstand()
    except DatabaseError:
        return None  # the database's own trouble is reported above


def metrieken(request):
    """Prometheus metrics, only for METRICS_IPS (a scraper on the machine or in the monitoring net)."""
    if not hoort_bij(client_ip(request), settings.METRICS_IPS):
        return HttpResponse(status=404)
    return HttpResponse(bedrijf.metrieken_tekst(), content_type=CONTENT_TYPE_LATEST)


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


def serverfout(request):
    """500 in Dutch and in the portal's look, made from the settings alone: the database or a context
    processor may be what failed (Django's own handler renders without the request, so base.html would
    miss its theme)."""
    pagina = loader.get_template("500.html").render(
        {"gemeente": kern_gemeente.huidige(), "thema_css": thema_css()}
    )
    return HttpResponseServerError(pagina)
