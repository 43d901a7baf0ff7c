"""Staff pages for DSO verzoeken under /backoffice/ (the one staff login): the list with filters and a
map beside it, the detail with documents, status history and status change, and the quarantaine with
"opnieuw proberen". Who sees what: the permission per zaaktype (loket.zaken.toegang). Status changes
go through the zaak core (loket.zaken.services), which writes the outbox event in the same transaction."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from dso_koppeling import aanvragen, verzoeken
from dso_koppeling.models import Quarantaine, Verzoek
from kaartlagen.kaart import ondergrondkaart
from kern.fouten import CodeFout
from loket.zaken import services as zaken
from loket.zaken.backoffice import BegrensdePaginator, historie, punten_geojson
from loket.zaken.toegang import is_medewerker

# Staff without the permission for any DSO zaaktype get the login page (as for any other refusal).
behandelaar = user_passes_test(lambda u: is_medewerker(u) and aanvragen.mag_backoffice(u))

PER_PAGINA = 50
OPNIEUW = {
    "nieuw": "Gelukt: het verzoek is nu zaak {referentie}.",
    "bijgewerkt": "Gelukt: zaak {referentie} is bijgewerkt.",
    "aanvulling": "Gelukt: de aanvulling is bij zaak {referentie} gezet.",
    "ongewijzigd": "Dit verzoek was al verwerkt; er is niets veranderd.",
    "niet_in_quarantaine": "Dit verzoek staat niet (meer) in quarantaine.",
}


def _filters(request) -> tuple[dict, str]:
    form = aanvragen.Filters(request.GET)
    if form.is_valid():
        return form.cleaned_data, ""
    return {}, "Een filter klopt niet; we tonen alles."


@behandelaar
@require_GET
def lijst(request):
    filters, fout = _filters(request)
    qs = aanvragen.verzoeken(request.user, filters)
    pagina = BegrensdePaginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "pagina": pagina,
        "filters": filters,
        "fout": fout,
        "query": query.urlencode(),
        "statussen": aanvragen.statussen(request.user),
        "zaaktypen": aanvragen.zaaktypen_voor(request.user),
        "activiteiten": aanvragen.activiteiten(),
        "config": {
            "geojson": reverse("dso-backoffice-kaart") + "?" + request.GET.urlencode(),
            **ondergrondkaart(request),
        },
    }
    return render(request, "dso_koppeling/backoffice/lijst.html", context)


@behandelaar
@require_GET
def kaart(request):
    """The filtered verzoeken as GeoJSON for the map beside the list."""
    filters, _ = _filters(request)
    punten = punten_geojson(aanvragen.verzoeken(request.user, filters).values("zaak_id"))
    return HttpResponse(punten, content_type="application/geo+json")


@behandelaar
def detail(request, referentie: str):
    verzoek = aanvragen.zichtbaar_verzoek(request.user, referentie)
    zaak = verzoek.zaak
    if request.method == "POST":
        try:
            zaken.wijzig_status(
                zaak,
                request.POST.get("status", ""),
                request.user,
                request.POST.get("toelichting_intern", "").strip()[:1000],
            )
            messages.success(request, f"De status is nu '{zaak.status.omschrijving}'.")
        except CodeFout as exc:
            messages.error(request, f"De status is niet gewijzigd. {exc}")
        return redirect("dso-backoffice-detail", referentie)
    context = {
        "verzoek": verzoek,
        "zaak": zaak,
        "historie": historie(zaak),
        "over_termijn": zaken.is_over_termijn(zaak),
        "toegestaan": zaken.toegestane_statussen(zaak),
        "documenten": list(zaak.documenten.all()),
        "aanvullingen": list(verzoek.aanvullingen.all()),
        "config": {
            "geojson": reverse("dso-backoffice-kaart") + "?zoek=" + zaak.referentie,
            **ondergrondkaart(request),
        },
    }
    return render(request, "dso_koppeling/backoffice/detail.html", context)


@behandelaar
@require_GET
def document(request, referentie: str, document_id: int):
    """A document of a zaak this medewerker may see; never cached, never public."""
    verzoek = aanvragen.zichtbaar_verzoek(request.user, referentie)
    document = get_object_or_404(verzoek.zaak.documenten, pk=document_id)
    response = FileResponse(
        document.bestand.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.bestand.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@behandelaar
@require_GET
def quarantaine(request):
    rijen = Quarantaine.objects.order_by("-tijdstip")
    return render(request, "dso_koppeling/backoffice/quarantaine.html", {"rijen": rijen})


@behandelaar
@require_POST
def opnieuw(request, verzoeknummer: str):
    try:
        uitkomst, fout = verzoeken.probeer_opnieuw(verzoeknummer)
    except CodeFout as exc:  # the knooppunt cannot be reached, or a sync runs now
        messages.error(request, f"Niet gelukt: {exc}")
        return redirect("dso-backoffice-quarantaine")
    if fout is not None:
        messages.error(request, f"Nog steeds niet gelukt ({fout.code}): {fout}")
    elif uitkomst in OPNIEUW:
        zaak = Verzoek.objects.filter(verzoeknummer=verzoeknummer).values_list("zaak__referentie", flat=True)
        melding = OPNIEUW[uitkomst].format(referentie=zaak.first() or verzoeknummer)
        messages.success(request, melding)
    else:
        raise Http404
    return redirect("dso-backoffice-quarantaine")
