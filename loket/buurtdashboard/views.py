"""The dashboard pages for gebiedsmanagers and medewerkers, behind the staff login. Every page and
export opens its gebied through `toegang.open_gebied` (checked and logged) and shows aggregates only."""

import csv
import secrets
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kern import csp
from loket.buurtdashboard import gebieden, kaartoverzicht, toegang
from loket.buurtdashboard.overzicht import TABELLEN, overzicht
from loket.buurtdashboard.overzicht import tabel as maak_tabel

LOGIN = "meldingen:inloggen"  # the one staff login (/backoffice/inloggen), by URL name


def dashboard(view):
    """Logged in as staff, or to the login; refused (no role, other wijk) as a 403 page."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(LOGIN))
        try:
            return view(request, *args, **kwargs)
        except toegang.Geweigerd as fout:
            return render(request, "buurtdashboard/geweigerd.html", {"fout": fout}, status=403)
        except gebieden.GebiedOnbekend as fout:
            raise Http404(str(fout)) from None

    return inner


@require_GET
@dashboard
def start(request):
    g = gebieden.gemeente()
    t = toegang.open_gebied(request.user, g.code, "start")
    wijken = [w for w in gebieden.wijken() if t.mag(w.code)]
    return render(request, "buurtdashboard/start.html", {"gemeente": g, "wijken": wijken, "toegang": t})


@require_GET
@dashboard
def gebied(request, code):
    g = gebieden.gebied(code)
    t = toegang.open_gebied(request.user, g.code, g.soort)
    return render(request, "buurtdashboard/gebied.html", {"gebied": g, **overzicht(g, t)})


@require_GET
@dashboard
def export(request, code, tabel):
    if tabel not in [*TABELLEN, "kaart", "hotspots"]:
        raise Http404("Deze tabel bestaat niet.")
    g = gebieden.gebied(code)
    t = toegang.open_gebied(request.user, g.code, f"export:{tabel}")
    if tabel == "kaart":
        inhoud = kaartoverzicht.waardetabel(g, t, kaartoverzicht.keuze(request.GET.get("indicator")))[0]
    elif tabel == "hotspots":
        inhoud = kaartoverzicht.hotspottabel(kaartoverzicht.hotspots(g, t))
    else:
        inhoud = maak_tabel(g, t, tabel)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{g.code}-{tabel}.csv"'
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(inhoud.kop)
    schrijver.writerows(inhoud.rijen)
    return response


@require_GET
@dashboard
def kaart(request, code):
    g = gebieden.gebied(code)
    t = toegang.open_gebied(request.user, g.code, "kaart")
    # folium's inline <script>/<style> run under this response's own nonce, nothing else inline.
    nonce = secrets.token_urlsafe(18)
    inhoud = kaartoverzicht.kaartpagina(g, t, request.GET.get("indicator"), nonce)
    inhoud["indicator_query"] = f"?indicator={inhoud['indicator']}"
    response = render(request, "buurtdashboard/kaart.html", {"gebied": g, **inhoud})
    response["Content-Security-Policy"] = csp.beleid(nonce)
    return response


# URL names of further views that take one gebiedscode (maps, charts); the access tests walk them all.
EXTRA_URLS: list[str] = ["buurtdashboard:kaart"]
