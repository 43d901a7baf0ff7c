"""The backoffice for medewerkers: list and map side by side with filters, detail with history,
status change with a text for the resident, bulk status change, assignment, CSV export.
A medewerker sees the meldingen of their own teams (loket.zaken ZaakQuerySet.zichtbaar_voor)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.middleware import is_verified as otp_is_verified
from rest_framework.exceptions import ValidationError

from kaartlagen.kaart import ondergrondkaart
from kern import inloggen
from kern.fouten import CodeFout
from loket.meldingen import avg, selectie
from loket.meldingen.behandeling import (
    filters_uit,
    mag_contact_zien,
    wijs_toe,
    wijzig_status,
    zichtbare_melding,
)
from loket.meldingen.models import Categorie
from loket.zaken import services as zaken
from loket.zaken.backoffice import BegrensdePaginator, historie, punten_geojson, startpagina
from loket.zaken.models import Statustype, Team
from loket.zaken.toegang import is_medewerker, medewerker


class Inloggen(LoginView):
    template_name = "meldingen/backoffice/inloggen.html"
    form_class = inloggen.InlogFormulier
    next_page = reverse_lazy("meldingen:backoffice")

    def form_valid(self, form):
        gebruiker = form.get_user()
        auth_login(self.request, gebruiker)  # gives the session a new key
        # The new request.user is not wrapped by OTPMiddleware yet; give it what the middleware gives
        # every user, so that otp_login can mark it verified and the start page can ask is_verified().
        gebruiker.otp_device, gebruiker.is_verified = None, partial(otp_is_verified, gebruiker)
        if form.apparaat is not None:
            otp_login(self.request, form.apparaat)
        return redirect(self.get_success_url())

    def get_default_redirect_url(self):
        # Without ?next=: the first backoffice section this medewerker may open (e.g. the
        # vergunningaanvragen for someone who handles no meldingen).
        return startpagina(self.request.user) or super().get_default_redirect_url()


@login_required(login_url=reverse_lazy("meldingen:inloggen"))
def tweede_factor(request):
    """Set up (or replace, or switch off) the code from an authenticator app for one's own account."""
    if not is_medewerker(request.user):
        raise Http404
    fout = None
    if request.method == "POST" and request.POST.get("actie") == "uit":
        inloggen.uitschakelen(request.user)
        messages.success(request, "Inloggen met een code uit uw app staat nu uit.")
        return redirect("meldingen:tweede-factor")
    apparaat = inloggen.totp_apparaat(request.user, bevestigd=False)
    if request.method == "POST" and apparaat is not None:
        if inloggen.bevestig(apparaat, request.POST.get("code", "")):
            otp_login(request, apparaat)
            messages.success(request, "Gelukt. Vanaf nu vragen we bij het inloggen ook de code uit uw app.")
            return redirect("meldingen:backoffice")
        fout = "De code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer de nieuwe code."
    elif apparaat is None:
        apparaat = inloggen.nieuw_apparaat(request.user)
    context = {
        "aan": inloggen.heeft_tweede_factor(request.user),
        "sleutel": inloggen.sleutel_tekst(apparaat),
        "config_url": apparaat.config_url,
        "fout": fout,
    }
    return render(request, "meldingen/backoffice/tweede_factor.html", context)


class Uitloggen(LogoutView):
    next_page = reverse_lazy("meldingen:inloggen")


def _filters(request):
    try:
        return filters_uit(request.GET), ""
    except ValidationError:
        return selectie.Filters(), "Een filter klopt niet; we tonen alles."


@medewerker
@require_GET
def lijst(request):
    filters, fout = _filters(request)
    qs = selectie.meldingen(request.user, filters)
    pagina = BegrensdePaginator(qs, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "pagina": pagina,
        "filters": filters,
        "fout": fout,
        "query": query.urlencode(),
        "statussen": Statustype.objects.filter(zaaktype__code="melding-openbare-ruimte").order_by(
            "volgnummer"
        ),
        "hoofdcategorieen": Categorie.objects.filter(hoofdcategorie__isnull=True),
        "teams": Team.objects.filter(leden=request.user)
        if not request.user.has_perm("zaken.alle_zaken")
        else Team.objects.all(),
        "config": {
            "geojson": reverse("meldingen:backoffice-kaart") + "?" + request.GET.urlencode(),
            **ondergrondkaart(request),
        },
    }
    for melding in pagina:
        melding.over_termijn = zaken.is_over_termijn(melding.zaak)
    return render(request, "meldingen/backoffice/lijst.html", context)


@medewerker
@require_GET
def kaart(request):
    """The filtered meldingen as GeoJSON for the map beside the list (built in SQL)."""
    filters, _ = _filters(request)
    punten = punten_geojson(selectie.meldingen(request.user, filters).values("zaak_id"))
    return HttpResponse(punten, content_type="application/geo+json")


@medewerker
@require_GET
def export(request):
    filters, _ = _filters(request)
    response = StreamingHttpResponse(
        selectie.csv_regels(selectie.meldingen(request.user, filters)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meldingen.csv"'
    return response


@medewerker
def detail(request, referentie: str):
    melding = zichtbare_melding(request.user, referentie)
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "toewijzen":
                wijs_toe(
                    request.user,
                    melding,
                    {"team": request.POST.get("team", ""), "medewerker": request.POST.get("medewerker", "")},
                )
                messages.success(request, "De toewijzing is opgeslagen.")
            else:
                wijzig_status(
                    request.user,
                    melding,
                    {
                        k: request.POST.get(k, "")
                        for k in ("status", "toelichting_intern", "tekst_voor_burger")
                    },
                )
                messages.success(request, "De status is gewijzigd.")
        except CodeFout as exc:
            messages.error(request, str(exc))
        return redirect("meldingen:detail", referentie)
    zaak = melding.zaak
    context = {
        "melding": melding,
        "zaak": zaak,
        "historie": historie(zaak),
        "over_termijn": zaken.is_over_termijn(zaak),
        "toegestaan": zaken.toegestane_statussen(zaak),
        "teams": Team.objects.all(),
        "medewerkers": get_user_model().objects.filter(zaak_teams=zaak.behandelend_team)
        if zaak.behandelend_team
        else [],
        "fotos": list(zaak.documenten.all()),
        "mag_contact": mag_contact_zien(request.user) and melding.heeft_contact,
        "reacties": melding.reacties.all(),
        "volgers": melding.volgers.count(),
    }
    return render(request, "meldingen/backoffice/detail.html", context)


@medewerker
@require_POST
def contact(request, referentie: str):
    """Contact data on purpose only: shown after a click, and every view is logged."""
    melding = zichtbare_melding(request.user, referentie)
    if not mag_contact_zien(request.user):
        raise Http404
    avg.log_inzage(melding, request.user, "backoffice")
    return render(request, "meldingen/backoffice/contact.html", {"melding": melding})


@medewerker
@require_GET
def foto(request, referentie: str, nummer: int):
    melding = zichtbare_melding(request.user, referentie)
    documenten = list(melding.zaak.documenten.all())
    if not 1 <= nummer <= len(documenten):
        raise Http404
    document = documenten[nummer - 1]
    response = FileResponse(document.bestand.open("rb"), content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@medewerker
@require_POST
def bulk(request):
    referenties = request.POST.getlist("referentie")[:500]
    gelukt, mislukt = 0, []
    for referentie in referenties:
        try:
            melding = zichtbare_melding(request.user, referentie)
            wijzig_status(
                request.user,
                melding,
                {k: request.POST.get(k, "") for k in ("status", "toelichting_intern", "tekst_voor_burger")},
            )
            gelukt += 1
        except (CodeFout, Http404) as exc:
            mislukt.append(f"{referentie}: {exc}")
    if gelukt:
        messages.success(request, f"{gelukt} meldingen gewijzigd.")
    if mislukt:
        messages.error(request, "Niet gewijzigd: " + "; ".join(mislukt))
    return redirect(
        reverse("meldingen:backoffice")
        + ("?" + request.POST.get("query", "") if request.POST.get("query") else "")
    )
