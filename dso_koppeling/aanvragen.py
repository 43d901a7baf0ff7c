"""The backoffice's view of DSO verzoeken (aanvragen, meldingen, informatie): who may see which, and
the filtered list shared by the HTML list, its map and the detail page. Personal data of the
initiatiefnemer is not here at all: staff read it in the DSO werkmap via the verzoeknummer."""

from django import forms
from django.db import connection
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dso_koppeling import zaaktypen
from dso_koppeling.models import Quarantaine, Verzoek
from loket.zaken.backoffice import statuskeuzes
from loket.zaken.models import Zaaktype
from loket.zaken.toegang import mag_zaaktype

CODES = [d.code for d in zaaktypen.ALLE]


class Filters(forms.Form):
    status = forms.CharField(required=False, max_length=40)
    zaaktype = forms.CharField(required=False, max_length=40)
    activiteit = forms.CharField(required=False, max_length=200)
    van = forms.DateField(required=False)
    tot = forms.DateField(required=False)
    zoek = forms.CharField(required=False, max_length=100, strip=True)


def zaaktypen_voor(user) -> list[Zaaktype]:
    """The DSO zaaktypen this medewerker has the permission for (loket.zaken.toegang)."""
    return [z for z in Zaaktype.objects.filter(code__in=CODES) if mag_zaaktype(user, z.code)]


def mag_backoffice(user) -> bool:
    return any(mag_zaaktype(user, code) for code in CODES)


def verzoeken(user, filters: dict | None = None) -> QuerySet[Verzoek]:
    filters = filters or {}
    typen = zaaktypen_voor(user)
    if filters.get("zaaktype"):
        typen = [z for z in typen if z.code == filters["zaaktype"]]
    qs = Verzoek.objects.filter(zaak__zaaktype__in=typen).select_related("zaak__status", "zaak__zaaktype")
    if filters.get("status"):
        qs = qs.filter(zaak__status__code=filters["status"])
    if filters.get("activiteit"):
        qs = qs.filter(activiteiten__contains=[{"urn": filters["activiteit"]}])
    if filters.get("van"):
        qs = qs.filter(zaak__startdatum__gte=filters["van"])
    if filters.get("tot"):
        qs = qs.filter(zaak__startdatum__lte=filters["tot"])
    if zoek := filters.get("zoek"):
        qs = qs.filter(
            Q(zaak__referentie__iexact=zoek) | Q(verzoeknummer__iexact=zoek) | Q(zaak__adres__icontains=zoek)
        )
    return qs.order_by("-ingediend_op", "-pk")


def zichtbaar_verzoek(user, referentie: str) -> Verzoek:
    """One verzoek by its zaak's referentie, or 404 when this medewerker may not see it."""
    return get_object_or_404(
        verzoeken(user).select_related("zaak__behandelend_team"), zaak__referentie=referentie
    )


def statussen(user) -> list[tuple[str, str]]:
    return statuskeuzes(zaaktypen_voor(user))


def activiteiten() -> list[tuple[str, str]]:
    """(urn, naam) of every activiteit a verzoek names, each once, for the filter."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a->>'urn', min(a->>'naam') FROM {Verzoek._meta.db_table}, "
            "jsonb_array_elements(activiteiten) a GROUP BY 1 ORDER BY 2"
        )
        return cursor.fetchall()


def quarantaine_melding(user) -> str:
    """The notice at the top of the backoffice while verzoeken wait in quarantaine."""
    if not mag_backoffice(user):
        return ""
    aantal = Quarantaine.objects.count()
    if not aantal:
        return ""
    return (
        "1 verzoek uit het DSO staat in quarantaine: het werd geen zaak."
        if aantal == 1
        else f"{aantal} verzoeken uit het DSO staan in quarantaine: ze werden geen zaak."
    )
