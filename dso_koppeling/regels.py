"""Rules and plan from DSO into toepasbare_regels and the omgevingsplan, only what changed.

Every file goes through a port, a function `importeer(inhoud: bytes, bron: str)` named in the
settings (DSO_REGELS_IMPORTEUR for STTR files, DSO_PLAN_IMPORTEUR for the omgevingsplan), inside
one transaction together with the record of what was imported: a file is in completely or not at
all. A file is fetched only when its listed version or hash differs from the one we have, and
imported only when its content (sha256) differs.
"""

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from dso_koppeling.client import DsoClient, DsoFout
from dso_koppeling.models import Regelbestand
from kern import gemeente
from kern.crs import RD_NEW_URI

logger = logging.getLogger(__name__)

RTR = "/publiek/toepasbare-regels/api/rtrgegevens/v2"
OZON = "/publiek/omgevingsdocumenten/api/presenteren/v8"
GEOMETRIE = "/publiek/omgevingsdocumenten/api/geometrieopvragen/v1/geometrieen/"

Importeur = Callable[[bytes, str], object]


@dataclass
class Resultaat:
    telling: Counter = field(default_factory=Counter)
    bevindingen: list[tuple[str, str, str]] = field(default_factory=list)
    seconden: float = 0.0
    afgebroken: str = ""

    @property
    def ok(self) -> bool:
        return not self.afgebroken and not self.telling["mislukt"]


class ImportMislukt(Exception):
    pass


def importeur(instelling: str) -> Importeur | None:
    """The importer a setting names, or None when that module is not installed (yet)."""
    if not instelling:
        return None
    try:
        return import_string(instelling)
    except ImportError:
        return None


def _fouten(uitkomst) -> list:
    """Importers report problems as `fouten`/`errors` or a false `ok`; anything of that fails the file."""
    fouten = list(getattr(uitkomst, "fouten", None) or getattr(uitkomst, "errors", None) or [])
    if getattr(uitkomst, "ok", True) is False and not fouten:
        fouten = ["de importeur meldt dat het niet gelukt is"]
    return fouten


def _samenvatting(uitkomst) -> dict:
    if isinstance(uitkomst, str):
        return {"uitkomst": uitkomst}
    if isinstance(uitkomst, dict):
        return {k: v for k, v in uitkomst.items() if isinstance(v, int | str | float)}
    return (
        {k: v for k, v in vars(uitkomst).items() if isinstance(v, int | str | float)}
        if hasattr(uitkomst, "__dict__")
        else {}
    )


def verwerk_bestand(
    soort: str,
    sleutel: str,
    naam: str,
    versie: str,
    inhoud: bytes,
    poort: Importeur | None,
    resultaat: Resultaat,
    droog: bool = False,
) -> str:
    """Import one file when its content changed; the import and its record commit together."""
    sha = hashlib.sha256(inhoud).hexdigest()
    bekend = Regelbestand.objects.filter(soort=soort, sleutel=sleutel).first()
    if bekend and bekend.sha256 == sha:
        if bekend.versie != versie and not droog:
            Regelbestand.objects.filter(pk=bekend.pk).update(versie=versie)
        uitkomst = "ongewijzigd"
    elif droog:
        uitkomst = "zou_importeren"
    elif poort is None:
        uitkomst = "niet_gekoppeld"
        resultaat.bevindingen.append(
            ("importeur_ontbreekt", sleutel, f"geen importeur voor {soort} ingesteld of geïnstalleerd")
        )
    else:
        bron = f"dso:{soort}:{sleutel}:v{versie}"
        try:
            with transaction.atomic():
                gevolg = poort(inhoud, bron)
                if fouten := _fouten(gevolg):
                    raise ImportMislukt("; ".join(str(f) for f in fouten[:5]))
                Regelbestand.objects.update_or_create(
                    soort=soort,
                    sleutel=sleutel,
                    defaults={
                        "naam": naam[:200],
                        "versie": versie,
                        "sha256": sha,
                        "resultaat": _samenvatting(gevolg),
                    },
                )
            uitkomst = "geimporteerd"
        except Exception as exc:  # an importer's failure rolls back this file only, and is reported
            uitkomst = "mislukt"
            resultaat.bevindingen.append(("import_mislukt", sleutel, str(exc)[:300]))
            logger.warning("dso_regels_import_mislukt soort=%s sleutel=%s", soort, sleutel)
    resultaat.telling[f"{soort}_{uitkomst}"] += 1
    resultaat.telling[uitkomst] += 1
    return uitkomst


def sync_sttr(client: DsoClient, resultaat: Resultaat, droog: bool, poort: Importeur | None) -> None:
    params = {"datum": date.today().strftime("%d-%m-%Y")}
    if client.inst.oin:
        params["oin"] = client.inst.oin
    bekend = {r.sleutel: r for r in Regelbestand.objects.filter(soort=Regelbestand.Soort.STTR)}
    for item in client.alle_items(f"{RTR}/toepasbareRegels", "toepasbareRegelsList", params, "pageSize"):
        sleutel, versie = str(item["identifier"]), str(item.get("versie") or item.get("begindatum") or "")
        vorige = bekend.get(sleutel)
        if vorige and item.get("hash") and item["hash"] == vorige.sha256:
            # The list already tells us the file is the one we have: no download.
            resultaat.telling["sttr_ongewijzigd"] += 1
            resultaat.telling["ongewijzigd"] += 1
            continue
        inhoud = client.get(item["_links"]["sttrBestand"]["href"], accept="application/xml").inhoud
        verwerk_bestand(
            Regelbestand.Soort.STTR, sleutel, item.get("naam", ""), versie, inhoud, poort, resultaat, droog
        )


def _gemeentegebied() -> dict:
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    return {
        "type": "Polygon",
        "coordinates": [[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]],
    }


def plan_bundel(client: DsoClient, regeling: dict, dag: str) -> bytes:
    """The omgevingsplan as one JSON document: regeling, RTR activiteiten, locaties with RD geometry,
    activiteitlocatieaanduidingen and gebiedsaanwijzingen, all as valid on `dag`."""
    gezag = client.inst.bevoegd_gezag
    locaties = client.json(
        "POST",
        f"{OZON}/locaties/_zoek",
        params={"geldigOp": dag, "size": 200},
        body={"geometrie": _gemeentegebied()},
        headers={"Content-Crs": RD_NEW_URI},
    )
    locaties = locaties.get("_embedded", {}).get("locaties", [])
    for locatie in locaties:
        locatie["geometrie"] = client.json(
            "GET", GEOMETRIE + locatie["identificatie"], params={"crs": RD_NEW_URI}
        )["geometry"]
    bundel = {
        "regeling": regeling,
        "activiteiten": client.json(
            "POST",
            f"{RTR}/activiteiten/_zoek",
            body={
                "datum": date.fromisoformat(dag).strftime("%d-%m-%Y"),
                "bestuursorgaan": {"organisatieCode": gezag},
                "page": 1,
                "pageSize": 200,
            },
        )
        .get("_embedded", {})
        .get("activiteiten", []),
        "locaties": locaties,
        "activiteitlocatieaanduidingen": list(
            client.alle_items(
                f"{OZON}/activiteitlocatieaanduidingen", "activiteitlocatieaanduidingen", {"geldigOp": dag}
            )
        ),
        "gebiedsaanwijzingen": list(
            client.alle_items(f"{OZON}/gebiedsaanwijzingen", "gebiedsaanwijzingen", {"geldigOp": dag})
        ),
    }
    return json.dumps(bundel, sort_keys=True, ensure_ascii=False).encode()


def sync_plan(client: DsoClient, resultaat: Resultaat, droog: bool, poort: Importeur | None) -> None:
    dag = date.today().isoformat()
    for regeling in client.alle_items(
        f"{OZON}/regelingen", "regelingen", {"bevoegdGezag": client.inst.bevoegd_gezag, "geldigOp": dag}
    ):
        versie = str(regeling.get("geregistreerdMet", {}).get("versie", ""))
        inhoud = plan_bundel(client, regeling, dag)
        verwerk_bestand(
            Regelbestand.Soort.PLAN,
            regeling["identificatie"],
            regeling.get("officieleTitel", ""),
            versie,
            inhoud,
            poort,
            resultaat,
            droog,
        )


def synchroniseer(
    client: DsoClient | None = None,
    *,
    droog: bool = False,
    sttr_importeur: Importeur | None = None,
    plan_importeur: Importeur | None = None,
) -> Resultaat:
    client = client or DsoClient()
    resultaat = Resultaat()
    begin = time.monotonic()
    try:
        sync_sttr(client, resultaat, droog, sttr_importeur or importeur(settings.DSO_REGELS_IMPORTEUR))
        sync_plan(client, resultaat, droog, plan_importeur or importeur(settings.DSO_PLAN_IMPORTEUR))
    except DsoFout as fout:
        resultaat.afgebroken = fout.code
        resultaat.bevindingen.append((fout.code, "", str(fout)))
    resultaat.seconden = time.monotonic() - begin
    logger.info("dso_sync_regels telling=%s seconden=%.1f", dict(resultaat.telling), resultaat.seconden)
    return resultaat
