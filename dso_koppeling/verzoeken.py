"""Incremental sync of DSO verzoeken into zaken, with a stored cursor.

The feed is read by keyset (`na=<cursor>`), never by page number, so items that move or arrive while
we page cannot be skipped. Items are handled in volgnummer order, one transaction per item that
also moves the cursor: killed at any moment, the next run starts exactly after the last item that
was committed. Duplicates (an item at or below the cursor, or a version we already have) change
nothing. A page with an unreadable item is fetched again rather than guessed past; a verzoek whose
XML cannot be read is quarantined and the cursor goes on.
"""

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from dso_koppeling import zaakkoppeling
from dso_koppeling.client import DsoClient, DsoFout
from dso_koppeling.models import Quarantaine, Synctoestand
from dso_koppeling.stam import StamFout, lees
from dso_koppeling.vergrendeling import alleen
from kern.fouten import CodeFout

logger = logging.getLogger(__name__)

FEED = "/overheid/verzoeken/api/afhandelen/v1/verzoeken"
NAAM = "verzoeken"
# An unreadable item is usually a transient fault; after this many fresh reads of the same page we
# stop the run (without moving the cursor) and report it, rather than risk skipping a verzoek.
MAX_HERLEZEN = 8
# Quarantaine codes that may solve themselves: an aanvulling that came before its verzoek (which the
# knooppunt republished, so it moved to the end of the feed) fits once that verzoek is in.
HERKANSBAAR = {"hoort_bij_onbekend"}


@dataclass
class Resultaat:
    telling: Counter = field(default_factory=Counter)
    bevindingen: list[tuple[str, str, str]] = field(default_factory=list)  # (code, verzoeknummer, detail)
    cursor_van: int = 0
    cursor_tot: int = 0
    seconden: float = 0.0
    droog: bool = False
    afgebroken: str = ""

    @property
    def ok(self) -> bool:
        return not self.afgebroken

    def als_dict(self) -> dict:
        return {
            "telling": dict(self.telling),
            "bevindingen": self.bevindingen[:100],
            "cursor_van": self.cursor_van,
            "cursor_tot": self.cursor_tot,
            "seconden": round(self.seconden, 2),
            "afgebroken": self.afgebroken,
        }


def geldig_item(item) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("volgnummer"), int)
        and isinstance(item.get("verzoeknummer"), str)
        and item.get("type") in {"aanvraag", "melding", "informatie", "aanvulling"}
    )


def _cursor_verder(volgnummer: int) -> None:
    Synctoestand.objects.filter(naam=NAAM, cursor__lt=volgnummer).update(cursor=volgnummer)


def _quarantaine(item: dict, fout: CodeFout, versie: int | None) -> None:
    logger.warning("dso_quarantaine verzoek=%s code=%s", item["verzoeknummer"], fout.code)
    with transaction.atomic():
        Quarantaine.objects.update_or_create(
            verzoeknummer=item["verzoeknummer"],
            defaults={
                "volgnummer": item["volgnummer"],
                "versie": versie,
                "code": fout.code,
                "detail": str(fout)[:2000],
            },
        )
        _cursor_verder(item["volgnummer"])


def _haal_documenten(
    client: DsoClient, referenties: dict, doel: str, versie: int, eigen: bool
) -> zaakkoppeling.Documenten:
    bekend = zaakkoppeling.bekende_bijlagen(doel)
    documenten = zaakkoppeling.Documenten()
    if eigen and (sleutel := f"publiceerbaar-v{versie}") not in bekend:
        href = referenties["_links"]["publiceerbaar"]["href"]
        documenten.stukken[sleutel] = (
            f"Publiceerbare versie (versie {versie})",
            "application/pdf",
            client.get(href, accept="application/pdf").inhoud,
        )
    for bijlage in referenties.get("_embedded", {}).get("bijlagen", []):
        if bijlage["id"] not in bekend:
            inhoud = client.get(bijlage["_links"]["inhoud"]["href"], accept="application/pdf").inhoud
            documenten.stukken[bijlage["id"]] = (bijlage["naam"], "application/pdf", inhoud)
    return documenten


def verwerk_item(client: DsoClient, item: dict, droog: bool = False) -> tuple[str, CodeFout | None]:
    """Fetch, read and take in one feed item; the cursor moves in the same transaction. Returns the
    outcome (nieuw, bijgewerkt, aanvulling, ongewijzigd, gelezen, quarantaine) and the reason for a quarantaine."""
    referenties = client.json("GET", item["_links"]["referenties"]["href"])
    xml = client.get(referenties["_links"]["verzoek"]["href"], accept="application/xml").inhoud
    try:
        verzoek = lees(xml)
        if verzoek.verzoeknummer != item["verzoeknummer"]:
            raise StamFout("nummer_verschilt", f"het XML gaat over {verzoek.verzoeknummer}")
        eigen = verzoek.type != "aanvulling"
        if not eigen and not droog and not zaakkoppeling.hoofdverzoek_bekend(verzoek):
            # Before its bijlagen are downloaded: a quarantined one is tried again every run. (A dry
            # run stores nothing, so there the verzoek it completes may be earlier in the same feed.)
            raise zaakkoppeling.onbekend_hoofdverzoek(verzoek)
        doel = verzoek.verzoeknummer if eigen else (verzoek.hoort_bij or "")
        documenten = _haal_documenten(client, referenties, doel, verzoek.versie, eigen)
        if droog:
            return "gelezen", None
        with transaction.atomic():
            if eigen:
                uitkomst = zaakkoppeling.verwerk_verzoek(
                    verzoek, item["volgnummer"], zaakkoppeling.sha256(xml), documenten
                )
            else:
                uitkomst = zaakkoppeling.verwerk_aanvulling(verzoek, item["volgnummer"], documenten)
            Quarantaine.objects.filter(verzoeknummer=verzoek.verzoeknummer).delete()
            _cursor_verder(item["volgnummer"])
        return uitkomst, None
    except DsoFout:
        raise  # the knooppunt, not the verzoek: stop here, the next run goes on from the cursor
    except CodeFout as fout:
        # The verzoek itself cannot become a zaak (its XML, its location, or the zaak core refuses it).
        if not droog:
            _quarantaine(item, fout, item.get("versie"))
        return "quarantaine", fout


def _tel(resultaat: Resultaat, item: dict, uitkomst: str, fout: CodeFout | None) -> None:
    resultaat.telling[uitkomst] += 1
    if fout is not None:
        resultaat.bevindingen.append((fout.code, item["verzoeknummer"], str(fout)))


def _item(q: Quarantaine) -> dict:
    """The feed item of a quarantined verzoek, as the feed gave it."""
    return {
        "verzoeknummer": q.verzoeknummer,
        "volgnummer": q.volgnummer,
        "versie": q.versie,
        "_links": {"referenties": {"href": f"{FEED}/{q.verzoeknummer}/referenties"}},
    }


class SyncBezig(CodeFout):
    pass


def probeer_opnieuw(verzoeknummer: str, client: DsoClient | None = None) -> tuple[str, CodeFout | None]:
    """Take one quarantined verzoek in again (a medewerker's "opnieuw proberen"), the way the sync does:
    solved, it leaves the quarantaine; still refused, it stays with the new reason. Idempotent: a
    verzoek that became a zaak in the meantime changes nothing. Not while a sync runs (the slot)."""
    q = Quarantaine.objects.filter(verzoeknummer=verzoeknummer).first()
    if q is None:
        return "niet_in_quarantaine", None
    with alleen(NAAM) as mag:
        if not mag:
            raise SyncBezig(
                "sync_bezig",
                "De synchronisatie met het DSO loopt nu. Probeer het over een paar minuten opnieuw.",
            )
        uitkomst, fout = verwerk_item(client or DsoClient(), _item(q))
    logger.info("dso_quarantaine_opnieuw verzoek=%s uitkomst=%s", verzoeknummer, uitkomst)
    return uitkomst, fout


def _herkansing(client: DsoClient, resultaat: Resultaat) -> None:
    for q in Quarantaine.objects.filter(code__in=HERKANSBAAR):
        uitkomst, _ = verwerk_item(client, _item(q))
        # Still unsolvable: it was counted and reported when it first went into quarantaine.
        if uitkomst != "quarantaine":
            resultaat.telling["uit_quarantaine"] += 1


def synchroniseer(
    client: DsoClient | None = None,
    *,
    droog: bool = False,
    grootte: int = 20,
    max_paginas: int | None = None,
    voortgang: Callable[[str], None] | None = None,
) -> Resultaat:
    client = client or DsoClient()
    resultaat = Resultaat(droog=droog)
    begin = time.monotonic()
    with alleen(NAAM) as mag:
        if not mag:
            resultaat.afgebroken = "al_bezig"
            return resultaat
        toestand, _ = Synctoestand.objects.get_or_create(naam=NAAM)
        cursor = resultaat.cursor_van = toestand.cursor
        paginas = herlezen = 0
        try:
            while max_paginas is None or paginas < max_paginas:
                pagina = client.json("GET", FEED, params={"na": cursor, "size": grootte})
                items = pagina.get("_embedded", {}).get("verzoeken", [])
                paginas += 1
                mag.verleng()  # still running: nobody takes the sync over
                resultaat.telling["paginas"] += 1
                if not items:
                    break
                if not all(geldig_item(i) for i in items):
                    # We cannot tell where the broken item belongs; anything past the cursor could be after it.
                    resultaat.telling["onleesbare_items"] += 1
                    herlezen += 1
                    if herlezen >= MAX_HERLEZEN:
                        resultaat.afgebroken = "feed_item_onleesbaar"
                        resultaat.bevindingen.append(("feed_item_onleesbaar", "", f"na volgnummer {cursor}"))
                        break
                    continue
                herlezen = 0
                for item in sorted(items, key=lambda i: i["volgnummer"]):
                    if item["volgnummer"] <= cursor:
                        resultaat.telling["dubbel_overgeslagen"] += 1
                        continue
                    _tel(resultaat, item, *verwerk_item(client, item, droog))
                    cursor = item["volgnummer"]
                if voortgang:
                    voortgang(
                        f"pagina {paginas}: {len(items)} items, cursor {cursor}, {dict(resultaat.telling)}"
                    )
        except DsoFout as fout:
            # Everything up to the cursor is committed; the next run (webhook, periodic job) goes on from there.
            resultaat.afgebroken = fout.code
            resultaat.bevindingen.append((fout.code, "", str(fout)))
        if resultaat.ok and not droog:
            _herkansing(client, resultaat)
        resultaat.cursor_tot = cursor
        resultaat.seconden = time.monotonic() - begin
        if not droog:
            Synctoestand.objects.filter(naam=NAAM).update(laatste_resultaat=resultaat.als_dict())
    logger.info(
        "dso_sync_verzoeken cursor=%s..%s telling=%s seconden=%.1f afgebroken=%s",
        resultaat.cursor_van,
        resultaat.cursor_tot,
        dict(resultaat.telling),
        resultaat.seconden,
        resultaat.afgebroken or "-",
    )
    return resultaat
