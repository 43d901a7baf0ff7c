"""Melden, routing, "Is dit al gemeld?", aansluiten en reageren: what the form, the API and the
backoffice all call. Every write is one transaction; the zaak core records the domain events."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kaartlagen import zoeken
from kaartlagen.models import Buurt
from kern.crs import RD_NEW, WGS84, naar_wgs84
from kern.fouten import CodeFout
from loket.meldingen import mails
from loket.meldingen import zaaktype as zt
from loket.meldingen.fotos import Foto
from loket.meldingen.models import ZAAKTYPE, Categorie, Melding, Reactie, Routeringsregel, Volger
from loket.meldingen.verrijking import verrijk
from loket.zaken import services as zaken
from loket.zaken.models import Document, Team, Zaak, Zaaktype

MAX_TEKST = 1000
MIN_TEKST = 5
OPENBARE_RASTER_M = 10
REACTIE_DAGEN = 14
AANGESLOTEN = "melding.aangesloten"
# Markup of any kind: the text is stored as text and escaped on output, but we refuse it outright
# so that nobody has to wonder later whether some channel forgot to escape.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript:", re.IGNORECASE)
_TELEFOON = re.compile(r"^\+?[0-9][0-9 ()-]{5,18}$")


class MeldingFout(CodeFout):
    """Input we refuse; nothing has been stored."""


@dataclass
class Invoer:
    categorie: str  # the subcategory's slug
    omschrijving: str
    x_rd: float
    y_rd: float
    email: str = ""
    telefoon: str = ""
    toestemming: bool = False
    fotos: list[Foto] = field(default_factory=list)


def zaaktype() -> Zaaktype:
    return Zaaktype.objects.get(code=ZAAKTYPE)


def categorie_op_slug(slug: str) -> Categorie:
    categorie = (
        Categorie.objects.filter(slug=slug, actief=True, hoofdcategorie__isnull=False)
        .select_related("hoofdcategorie")
        .first()
    )
    if categorie is None:
        raise MeldingFout("categorie_onbekend", "Kies een onderwerp uit de lijst.")
    return categorie


def controleer_tekst(tekst: str, veld: str = "omschrijving", minimum: int = MIN_TEKST) -> str:
    tekst = (tekst or "").strip()
    if len(tekst) < minimum:
        raise MeldingFout("tekst_te_kort", f"Vul bij '{veld}' minstens {minimum} tekens in.")
    if len(tekst) > MAX_TEKST:
        raise MeldingFout("tekst_te_lang", f"'{veld}' mag hoogstens {MAX_TEKST} tekens zijn.")
    if _MARKUP.search(tekst):
        raise MeldingFout("tekst_ongeldig", f"'{veld}' mag geen HTML of code bevatten (zoals < of >).")
    return tekst


def controleer_contact(email: str, telefoon: str, toestemming: bool) -> tuple[str, str]:
    email, telefoon = (email or "").strip(), (telefoon or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise MeldingFout("email_ongeldig", "Dit e-mailadres klopt niet.") from None
    if telefoon and not _TELEFOON.match(telefoon):
        raise MeldingFout("telefoon_ongeldig", "Dit telefoonnummer klopt niet.")
    if (email or telefoon) and not toestemming:
        raise MeldingFout(
            "toestemming_ontbreekt", "Geef toestemming om uw e-mailadres of telefoonnummer te gebruiken."
        )
    return email, telefoon


def controleer_locatie(x_rd: float, y_rd: float) -> Point:
    """Inside the municipality's buurten (when loaded); punt_in_gemeente already checked the box."""
    punt = Point(x_rd, y_rd, srid=RD_NEW)
    if Buurt.objects.exists() and not Buurt.objects.filter(geom__intersects=punt).exists():
        raise MeldingFout(
            "buiten_gemeente",
            "Deze plek ligt buiten de gemeente. Meld het bij de gemeente waar het is, bijvoorbeeld via "
            "www.mijngemeente.nl of met de app van die gemeente.",
        )
    return punt


def routeer(categorie: Categorie, punt: Point, verrijking: dict) -> Team | None:
    """The first active rule (in volgorde) whose conditions all hold."""
    regels = Routeringsregel.objects.filter(actief=True).filter(
        Q(categorie__isnull=True) | Q(categorie=categorie) | Q(categorie_id=categorie.hoofdcategorie_id)
    )
    for regel in regels.select_related("team"):
        if regel.buurtcode and regel.buurtcode != verrijking.get("buurtcode"):
            continue
        if regel.wijkcode and regel.wijkcode != verrijking.get("wijkcode"):
            continue
        if regel.gebied and not regel.gebied.intersects(punt):
            continue
        return regel.team
    return None


def al_gemeld(categorie: Categorie, punt: Point, nu=None) -> list[Zaak]:
    """Open meldingen of the same category nearby and recent (per category configurable)."""
    nu = nu or timezone.now()
    return list(
        Zaak.objects.open()
        .filter(
            melding__categorie=categorie,
            geometrie__dwithin=(punt, D(m=categorie.dubbel_straal_m)),
            registratiedatum__gte=nu - timedelta(weeks=categorie.dubbel_weken),
        )
        .select_related("status", "melding__categorie")
        .order_by("-registratiedatum")[:10]
    )


def generaliseer(punt: Point) -> Point:
    r = OPENBARE_RASTER_M
    return Point(round(punt.x / r) * r, round(punt.y / r) * r, srid=RD_NEW)


def meld(invoer: Invoer) -> Melding:
    """Check everything first, then store the melding, its zaak and photos in one transaction."""
    categorie = categorie_op_slug(invoer.categorie)
    omschrijving = controleer_tekst(invoer.omschrijving)
    email, telefoon = controleer_contact(invoer.email, invoer.telefoon, invoer.toestemming)
    punt = controleer_locatie(invoer.x_rd, invoer.y_rd)
    verrijking = verrijk(punt.x, punt.y)
    team = routeer(categorie, punt, verrijking)
    with transaction.atomic():
        zaak = zaken.maak_zaak(
            zaaktype(),
            omschrijving=omschrijving,
            geometrie=punt,
            verrijking=verrijking,
            team=team,
            afhandeltermijn_dagen=categorie.afhandeltermijn_dagen,
            door_omschrijving="melder",
            locatie_openbaar=generaliseer(punt),
        )
        melding = Melding.objects.create(
            zaak=zaak,
            categorie=categorie,
            email=email,
            telefoon=telefoon,
            contact_toestemming=bool(email or telefoon),
        )
        for nummer, foto in enumerate(invoer.fotos, 1):
            document = Document(
                zaak=zaak, titel=f"Foto {nummer}", content_type=foto.content_type, van_indiener=True
            )
            document.grootte = len(foto.inhoud)
            document.bestand.save(f"foto-{nummer}.{foto.extensie}", ContentFile(foto.inhoud), save=False)
            document.save()
    return melding


def sluit_aan(zaak: Zaak, email: str, toestemming: bool) -> Volger:
    """Join an open melding instead of making a new one. With an e-mail address this is a double
    opt-in: the address gets one mail with its own track & trace link and hears nothing else until
    its owner confirms there (`bevestig_volger`). Joining again with the same address sends nothing."""
    email, _ = controleer_contact(email, "", toestemming)
    if zaak.einddatum is not None:
        raise MeldingFout("melding_gesloten", "Deze melding is al afgehandeld; maak een nieuwe melding.")
    with transaction.atomic():
        if email:
            bestaand = Volger.objects.filter(melding=zaak.melding, email__iexact=email).first()
            if bestaand is not None:
                return bestaand
        volger = Volger.objects.create(
            melding=zaak.melding, email=email, bevestigd=None if email else timezone.now()
        )
        zaken.gebeurtenis(AANGESLOTEN, zaak, zaaktype=ZAAKTYPE)
        if email:
            mails.plan_bevestiging(volger)
    return volger


def bevestig_volger(volger: Volger) -> None:
    if volger.bevestigd is None:
        volger.bevestigd = timezone.now()
        volger.save(update_fields=["bevestigd"])


def op_token(token: str) -> tuple[Melding, Volger | None]:
    """The melding behind a track & trace token (the melder's own or a follower's)."""
    if not token or len(token) > 64:
        raise Melding.DoesNotExist
    melding = Melding.objects.filter(token=token).select_related("zaak__status", "categorie").first()
    if melding:
        return melding, None
    volger = (
        Volger.objects.select_related("melding__zaak__status", "melding__categorie")
        .filter(token=token)
        .first()
    )
    if volger is None:
        raise Melding.DoesNotExist
    return volger.melding, volger


def kan_reageren(melding: Melding, nu=None) -> bool:
    zaak = melding.zaak
    nu = nu or timezone.now()
    return (
        zaak.status.code == zt.AFGEHANDELD
        and zaak.einddatum is not None
        and nu - zaak.einddatum <= timedelta(days=REACTIE_DAGEN)
    )


def reageer(melding: Melding, tevreden: bool, toelichting: str = "") -> Reactie:
    """ "Bent u tevreden?": a 'nee' within 14 days asks the team to reopen the melding."""
    if toelichting:
        toelichting = controleer_tekst(toelichting, "toelichting", minimum=1)
    if not kan_reageren(melding):
        raise MeldingFout(
            "reactie_niet_mogelijk",
            f"U kunt reageren tot {REACTIE_DAGEN} dagen nadat de melding is afgehandeld.",
        )
    with transaction.atomic():
        reactie = Reactie.objects.create(melding=melding, tevreden=tevreden, toelichting=toelichting)
        if not tevreden:
            zaken.wijzig_status(
                melding.zaak,
                zt.VERZOEK_TOT_HEROPENEN,
                toelichting_intern=f"Melder is niet tevreden: {toelichting}" if toelichting else "",
                tekst_voor_burger="U bent niet tevreden. Het team bekijkt uw melding opnieuw.",
                door_omschrijving="melder",
            )
    return reactie


def locatie_rd(x: float | None, y: float | None, crs: str, adres_id: str = "") -> tuple[float, float]:
    """Where the resident points: a map click (x, y in WGS84 or RD) or an address id from suggest."""
    if adres_id:
        treffer = zoeken.lookup(adres_id)
        if treffer is None or "centroide_rd" not in treffer.details:
            raise MeldingFout("adres_onbekend", "We kennen dit adres niet. Zoek het adres opnieuw.")
        x, y, crs = *treffer.details["centroide_rd"], "rd"
    if x is None or y is None:
        raise MeldingFout("locatie_ontbreekt", "Kies een plek op de kaart of zoek een adres.")
    return zoeken.punt_in_gemeente(x, y, RD_NEW if crs == "rd" else WGS84)


def categorie_boom() -> list[dict]:
    subs = Categorie.objects.filter(actief=True, hoofdcategorie__isnull=False).order_by("volgorde", "naam")
    boom = {}
    for hoofd in Categorie.objects.filter(actief=True, hoofdcategorie__isnull=True):
        boom[hoofd.pk] = {"slug": hoofd.slug, "naam": hoofd.naam, "subcategorieen": []}
    for sub in subs:
        if sub.hoofdcategorie_id in boom:
            boom[sub.hoofdcategorie_id]["subcategorieen"].append({"slug": sub.slug, "naam": sub.naam})
    return [h for h in boom.values() if h["subcategorieen"]]


def volg_gegevens(melding: Melding, volger: Volger | None = None) -> dict:
    """What the track & trace page shows: statuses and texts meant for the resident, nobody else's data.

    The melder (their own token, `volger` None) also sees what they wrote, the spot they chose, the
    address found there and their photos. A follower (someone who joined) sees what the public map
    shows: the category, the buurt and the spot rounded to 10 m, never the melder's words or photos."""
    zaak = melding.zaak
    eigen = volger is None
    plek = zaak.geometrie.centroid if eigen and zaak.geometrie else zaak.locatie_openbaar
    lon_lat = [round(v, 6) for v in naar_wgs84(plek.x, plek.y)] if plek else None
    return {
        "referentie": zaak.referentie,
        "categorie": str(melding.categorie),
        "status": zaak.status.omschrijving,
        "gemeld_op": zaak.registratiedatum,
        "locatie_ll": (
            [round(v, 6) for v in naar_wgs84(zaak.locatie_openbaar.x, zaak.locatie_openbaar.y)]
            if zaak.locatie_openbaar
            else None
        ),
        "historie": [
            {"status": s.statustype.omschrijving, "tijdstip": s.tijdstip, "tekst": s.tekst_voor_burger}
            for s in zaak.statussen.select_related("statustype")
        ],
        "kan_reageren": kan_reageren(melding),
        "eigen": eigen,
        "omschrijving": zaak.omschrijving if eigen else "",
        "adres": zaak.adres if eigen else "",
        "buurt": zaak.buurtnaam,
        "plek_ll": lon_lat,
        "plek_rd": [round(plek.x), round(plek.y)] if plek else None,
        "fotos": list(range(1, _eigen_fotos(zaak).count() + 1)) if eigen else [],
    }


def _eigen_fotos(zaak: Zaak):
    """The melder's own photos: what staff added to the zaak is never shown on the public side."""
    return zaak.documenten.filter(van_indiener=True)


def eigen_foto(token: str, nummer: int) -> Document:
    """Photo `nummer` (from 1) of a melding, for whoever holds the melder's own token; a follower's
    token, a stranger's token or a number that is not there: Melding.DoesNotExist (the page says 404,
    never whether the melding exists)."""
    melding, volger = op_token(token)
    if volger is not None:
        raise Melding.DoesNotExist
    documenten = list(_eigen_fotos(melding.zaak)[: max(nummer, 0)])
    if not 1 <= nummer <= len(documenten):
        raise Melding.DoesNotExist
    return documenten[nummer - 1]
