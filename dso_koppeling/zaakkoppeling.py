"""A DSO verzoek becomes (or updates) one zaak, through the zaak core's services.

Idempotent: the verzoeknummer is the zaak's external identification (unique per bron), so a
duplicate or a re-run finds the zaak it made before. Each function runs in one transaction that
the sync closes together with its cursor.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile
from django.db import transaction

from dso_koppeling.models import Aanvulling, Verzoek
from dso_koppeling.stam import StamFout, StamVerzoek, pas_aanvullingen_toe
from dso_koppeling.zaaktypen import PER_VERZOEKTYPE
from kaartlagen import zoeken
from kern.crs import RD_NEW
from loket.zaken import services
from loket.zaken.models import Document, Zaaktype

BRON = "dso"
DOOR = "initiatiefnemer (via DSO)"
ONTVANGEN = "dso.verzoek_ontvangen"
BIJGEWERKT = "dso.verzoek_bijgewerkt"
AANGEVULD = "dso.verzoek_aangevuld"


@dataclass
class Documenten:
    """What was downloaded for a verzoek before its transaction: key → (titel, content type, bytes)."""

    stukken: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def _kern(v: StamVerzoek) -> dict:
    """What the domain events say: type and activiteiten, never who asked."""
    return {
        "verzoeknummer": v.verzoeknummer,
        "type": v.type,
        "activiteiten": [a["urn"] for a in v.activiteiten],
    }


def _verrijking(v: StamVerzoek, x: float, y: float) -> dict:
    return {
        "adres": v.adres_tekst()[:200],
        "nummeraanduiding": v.adres.get("nummeraanduidingIdentificatie", "")[:16],
        **services.gebied_velden(x, y),
    }


def _bewaar_documenten(verzoek: Verzoek, documenten: Documenten) -> None:
    for sleutel, (titel, content_type, inhoud) in documenten.stukken.items():
        if sleutel in verzoek.bijlagen:
            continue
        document = Document(
            zaak=verzoek.zaak,
            titel=titel[:200],
            content_type=content_type,
            grootte=len(inhoud),
            van_indiener=True,
        )
        document.bestand.save(f"{verzoek.verzoeknummer}-{sleutel}.pdf", ContentFile(inhoud), save=True)
        verzoek.bijlagen[sleutel] = document.pk


@transaction.atomic
def verwerk_verzoek(v: StamVerzoek, volgnummer: int, xml_sha256: str, documenten: Documenten) -> str:
    """nieuw, bijgewerkt or ongewijzigd. Raises StamFout or zoeken.ZoekFout for what cannot become a zaak."""
    bestaand = (
        Verzoek.objects.select_for_update()
        .select_related("zaak")
        .filter(verzoeknummer=v.verzoeknummer)
        .first()
    )
    if bestaand is None:
        try:
            x, y = zoeken.punt_in_gemeente(*v.punt, RD_NEW)
        except zoeken.ZoekFout as exc:
            raise StamFout(exc.code, f"locatie van het verzoek: {exc}") from None
        punt = Point(x, y, srid=RD_NEW)
        zaak = services.maak_zaak(
            Zaaktype.objects.get(code=PER_VERZOEKTYPE[v.type]),
            omschrijving=v.omschrijving,
            geometrie=punt,
            verrijking=_verrijking(v, x, y),
            bron=BRON,
            externe_identificatie=v.verzoeknummer,
            door_omschrijving=DOOR,
        )
        verzoek = Verzoek(
            zaak=zaak,
            verzoeknummer=v.verzoeknummer,
            type=v.type,
            versie=v.versie,
            volgnummer=volgnummer,
            ingediend_op=v.ingediend_op,
            geom=punt,
            basis_activiteiten=v.activiteiten,
            activiteiten=v.activiteiten,
            xml_sha256=xml_sha256,
        )
        verzoek.save()
        _bewaar_documenten(verzoek, documenten)
        verzoek.save(update_fields=["bijlagen"])
        services.gebeurtenis(ONTVANGEN, zaak, **_kern(v))
        return "nieuw"
    if bestaand.versie >= v.versie and bestaand.xml_sha256 == xml_sha256:
        return "ongewijzigd"
    bestaand.versie, bestaand.volgnummer, bestaand.xml_sha256 = v.versie, volgnummer, xml_sha256
    bestaand.basis_activiteiten = v.activiteiten
    bestaand.activiteiten = pas_aanvullingen_toe(
        v.activiteiten, [a.activiteiten for a in bestaand.aanvullingen.all()]
    )
    _bewaar_documenten(bestaand, documenten)
    bestaand.save()
    if bestaand.zaak.omschrijving != v.omschrijving:
        # The knooppunt corrected the verzoek; the zaak's description follows the newest version.
        type(bestaand.zaak).objects.filter(pk=bestaand.zaak_id).update(omschrijving=v.omschrijving)
    services.gebeurtenis(BIJGEWERKT, bestaand.zaak, versie=v.versie, **_kern(v))
    return "bijgewerkt"


@transaction.atomic
def verwerk_aanvulling(a: StamVerzoek, volgnummer: int, documenten: Documenten) -> str:
    """aanvulling or ongewijzigd: the answers and bijlagen of an aanvulling go to the verzoek it completes."""
    hoofd = (
        Verzoek.objects.select_for_update(of=("self", "zaak"))  # not the shared statustype row
        .select_related("zaak", "zaak__status")
        .filter(verzoeknummer=a.hoort_bij)
        .first()
    )
    if hoofd is None:
        raise onbekend_hoofdverzoek(a)
    _, nieuw = Aanvulling.objects.get_or_create(
        verzoeknummer=a.verzoeknummer,
        defaults={"verzoek": hoofd, "volgnummer": volgnummer, "activiteiten": a.activiteiten},
    )
    if not nieuw:
        return "ongewijzigd"
    hoofd.activiteiten = pas_aanvullingen_toe(
        hoofd.basis_activiteiten, [x.activiteiten for x in hoofd.aanvullingen.all()]
    )
    _bewaar_documenten(hoofd, documenten)
    hoofd.save()
    services.gebeurtenis(AANGEVULD, hoofd.zaak, aanvulling=a.verzoeknummer, **_kern(a))
    if hoofd.zaak.status.code == "aanvulling_gevraagd":
        services.wijzig_status(
            hoofd.zaak,
            "in_behandeling",
            door_omschrijving=DOOR,
            toelichting_intern=f"Aanvulling {a.verzoeknummer} ontvangen",
        )
    return "aanvulling"


def onbekend_hoofdverzoek(a: StamVerzoek) -> StamFout:
    return StamFout(
        "hoort_bij_onbekend", f"de aanvulling hoort bij verzoek {a.hoort_bij}, dat hier niet bekend is"
    )


def hoofdverzoek_bekend(a: StamVerzoek) -> bool:
    return Verzoek.objects.filter(verzoeknummer=a.hoort_bij).exists()


def bekende_bijlagen(verzoeknummer: str) -> set[str]:
    """The document keys a verzoek already has, so a re-run does not download them again."""
    rij = Verzoek.objects.filter(verzoeknummer=verzoeknummer).values_list("bijlagen", flat=True).first()
    return set(rij or {})
