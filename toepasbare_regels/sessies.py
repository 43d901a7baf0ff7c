"""Saved vergunningchecks (the permalink): answers kept server-side under an unguessable token that
expires. The engine stays stateless; this layer only remembers what the user answered, page by page."""

from datetime import date

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone

from kaartlagen import zoeken
from kern.crs import RD_NEW
from kern.fouten import CodeFout

from .models import CheckSessie, FeitBetwisting
from .plek import Plek
from .regelset import activiteiten_van
from .vergunningcheck import Check


class SessieFout(CodeFout):
    pass


def maak(werkzaamheden: list[str], geometrie: GEOSGeometry, peildatum: date | None = None) -> CheckSessie:
    if not werkzaamheden:
        raise SessieFout("regels.geen_werkzaamheid", "Kies minstens één werkzaamheid.")
    activiteiten_van(werkzaamheden)  # unknown werkzaamheden are refused before anything is stored
    return CheckSessie.objects.create(werkzaamheden=werkzaamheden, locatie=geometrie, peildatum=peildatum)


def haal(token: str) -> CheckSessie:
    sessie = CheckSessie.objects.filter(token=token[:40]).first()
    if sessie is None:
        raise SessieFout("regels.check_onbekend", "Deze vergunningcheck bestaat niet (meer).")
    if sessie.verloopt_op < timezone.now():
        raise SessieFout("regels.check_verlopen", "Deze vergunningcheck is verlopen. Begin opnieuw.")
    return sessie


def check(sessie: CheckSessie, extra: dict | None = None) -> Check:
    return Check(
        sessie.werkzaamheden,
        Plek(sessie.locatie, sessie.peildatum),
        {**sessie.antwoorden, **(extra or {})},
        set(sessie.betwist),
    )


def beantwoord(sessie: CheckSessie, antwoorden: dict[str, str]) -> dict:
    """Check the answers of one page (AntwoordFout when one is wrong), then save them as one step."""
    antwoorden = {k: v for k, v in antwoorden.items() if v not in (None, "")}
    resultaat = check(sessie, antwoorden).uitvoeren()  # typing errors surface here, nothing is saved
    with transaction.atomic():
        sessie.antwoorden = {**sessie.antwoorden, **antwoorden}
        sessie.stappen = [*sessie.stappen, list(antwoorden)]
        sessie.save(update_fields=["antwoorden", "stappen"])
    return resultaat


def vorige(sessie: CheckSessie) -> None:
    if not sessie.stappen:
        return
    *rest, laatste = sessie.stappen
    sessie.antwoorden = {k: v for k, v in sessie.antwoorden.items() if k not in laatste}
    sessie.stappen = rest
    sessie.save(update_fields=["antwoorden", "stappen"])


def betwist(sessie: CheckSessie, feit: str, waarde: str, toelichting: str = "") -> None:
    """The user says a fact from our data is wrong: ask the question instead, and tell the data owner."""
    with transaction.atomic():
        if feit not in sessie.betwist:
            sessie.betwist = [*sessie.betwist, feit]
            sessie.save(update_fields=["betwist"])
        FeitBetwisting.objects.create(
            feit=feit[:100],
            waarde=waarde[:200],
            locatie=sessie.locatie.centroid,
            toelichting=toelichting[:1000],
        )


def opruimen() -> int:
    """Delete expired checks (run daily by the worker)."""
    aantal, _ = CheckSessie.objects.filter(verloopt_op__lt=timezone.now()).delete()
    return aantal


# How near an address must be to name the checked spot by it (the spot is an address or a map click).
ADRES_STRAAL = 30.0


def plek_omschrijving(sessie: CheckSessie) -> str:
    """Which place was checked, in words for the result page, the PDF and the permalink: the address
    at the spot, else its RD coordinates."""
    punt = sessie.locatie.centroid
    try:
        treffers = zoeken.reverse(punt.x, punt.y, RD_NEW, limit=1, straal=ADRES_STRAAL)
    except zoeken.ZoekFout:
        treffers = []
    rd = f"x {punt.x:.0f}, y {punt.y:.0f} (RD)"
    return treffers[0].weergavenaam if treffers else f"de plek op de kaart met coördinaten {rd}"
