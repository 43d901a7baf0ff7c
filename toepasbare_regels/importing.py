"""Import STTR deliveries: a .dmn file, a folder, or a zip as the DSO and STTR builders deliver them
(manifest + opdracht with geldigBegindatum + the DMN), and the "toepasbaar maken" activiteit files that
link activiteiten to werkzaamheden.

Each file is its own transaction and is checked completely (parse, FEEL, references, engine wiring)
before anything is stored, so a bad file leaves nothing behind and the others go on. Re-importing the
same file changes nothing; a changed file becomes a new version from its begin date.
"""

import hashlib
import json
import re
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone
from lxml import etree

from kern.fouten import CodeFout
from kern.importing.sources import UitpakFout, bestanden

from .models import ToepasbareRegelBestand, Werkzaamheid, bestand_sleutel
from .sttr import parser
from .sttr.antwoorden import lees_datum
from .sttr.engine import Engine
from .sttr.parser import SttrFout

_REF = re.compile(
    r"/id/concept/(Conclusie|Indieningsvereisten(Vergunning|Melding|Informatie)?|Maatregelen)(.+)$"
)


@dataclass
class ImportResultaat:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    werkzaamheden: int = 0
    fouten: list[tuple[str, str, str]] = field(default_factory=list)  # (bestand, code, bericht)
    seconden: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.fouten

    def samenvatting(self) -> str:
        regels = [
            f"STTR: {self.nieuw} nieuw, {self.gewijzigd} nieuwe versie, {self.ongewijzigd} ongewijzigd, "
            f"{self.werkzaamheden} werkzaamheidkoppelingen, {len(self.fouten)} geweigerd, {self.seconden:.2f} s"
        ]
        regels += [f"  geweigerd: {bestand} [{code}] {bericht}" for bestand, code, bericht in self.fouten]
        return "\n".join(regels)


def ontleed_ref(ref: str) -> tuple[str, str, str]:
    """typering, toestemming and activiteit from a functioneleStructuurRef."""
    m = _REF.search(ref)
    if not m:
        return ToepasbareRegelBestand.Typering.OVERIG, "", ""
    typering = "Indieningsvereisten" if m.group(1).startswith("Indieningsvereisten") else m.group(1)
    return typering, m.group(2) or "", m.group(3)


def importeer_sttr(inhoud: bytes, bron: str, begin_geldigheid: date | None = None) -> str:
    """Store one STTR file; returns 'nieuw', 'gewijzigd' or 'ongewijzigd'. Raises SttrFout/EngineFout."""
    model = parser.lees(inhoud, bron)
    Engine(model)  # input expressions that name nothing fail here, before storing
    sha = hashlib.sha256(inhoud).hexdigest()
    sleutel = bestand_sleutel(model.namespace, model.naam)
    refs = [b.functionele_structuur_ref for b in model.top_besluiten]
    typering, toestemming, _ = ontleed_ref(refs[0])
    activiteiten = sorted({a for a in (ontleed_ref(r)[2] for r in refs) if a})
    begin = begin_geldigheid or timezone.localdate()
    with transaction.atomic():
        versies = ToepasbareRegelBestand.objects.select_for_update().filter(sleutel=sleutel)
        if versies.filter(sha256=sha).exists():
            return "ongewijzigd"
        velden = {
            "naam": model.naam,
            "namespace": model.namespace,
            "refs": refs,
            "typering": typering,
            "toestemming": toestemming,
            "activiteiten": activiteiten,
            "dmn": inhoud.decode("utf-8"),
            "sha256": sha,
            "bron": bron[:500],
            "eind_geldigheid": None,
        }
        _past(ToepasbareRegelBestand, {**velden, "bron": bron}, bron)
        if not versies.exists():
            ToepasbareRegelBestand.objects.create(sleutel=sleutel, begin_geldigheid=begin, **velden)
            return "nieuw"
        later = versies.filter(begin_geldigheid__gt=begin).order_by("begin_geldigheid").first()
        if later:
            velden["eind_geldigheid"] = later.begin_geldigheid
        ToepasbareRegelBestand.objects.update_or_create(
            sleutel=sleutel, begin_geldigheid=begin, defaults=velden
        )
        # The version before this one now ends where this one begins.
        versies.filter(begin_geldigheid__lt=begin).exclude(eind_geldigheid__lte=begin).update(
            eind_geldigheid=begin
        )
        return "gewijzigd"


def _past(model, velden: dict, bron: str) -> None:
    """Texts longer than their column are refused with a code before the database sees them."""
    for naam, waarde in velden.items():
        veld = model._meta.get_field(naam)
        lengte = getattr(getattr(veld, "base_field", veld), "max_length", None)
        if lengte is None or naam == "bron":  # bron is cut to size, it only says where a file came from
            continue
        for tekst in waarde if isinstance(waarde, list) else [waarde]:
            if isinstance(tekst, str) and len(tekst) > lengte:
                raise SttrFout("sttr.veld_te_lang", bron, f"{naam} is {len(tekst)} tekens, maximaal {lengte}")


def _vorm(fout: bool, bron: str, bericht: str) -> None:
    if fout:
        raise SttrFout("sttr.vorm_onjuist", bron, bericht)


def _koppel_werkzaamheden(inhoud: bytes, activiteit: str, bron: str) -> int:
    data = json.loads(inhoud)
    _vorm(not isinstance(data, dict), bron, "verwacht een JSON-object met 'werkzaamheden'")
    lijst = data.get("werkzaamheden", [])
    _vorm(not isinstance(lijst, list), bron, "'werkzaamheden' is geen lijst")
    _vorm(
        any(not isinstance(w, dict) or not isinstance(w.get("urn") or "", str) for w in lijst),
        bron,
        "elke werkzaamheid is een object met een tekst 'urn'",
    )
    urns = [w["urn"].strip() for w in lijst if (w.get("urn") or "").strip()]
    for urn in urns:
        _past(Werkzaamheid, {"urn": urn, "activiteiten": [activiteit]}, bron)
    aantal = 0
    with transaction.atomic():
        for urn in urns:
            werkzaamheid, _ = Werkzaamheid.objects.get_or_create(
                urn=urn, defaults={"naam": re.sub(r"(?<!^)(?=[A-Z])", " ", urn).capitalize()[:200]}
            )
            if activiteit not in werkzaamheid.activiteiten:
                werkzaamheid.activiteiten = [*werkzaamheid.activiteiten, activiteit]
                werkzaamheid.save()
                aantal += 1
    return aantal


def importeer_werkzaamheden(catalogus: list[dict], bron: str = "werkzaamheden") -> int:
    """A werkzaamheden catalogue (urn, naam, synoniemen, omschrijving, activiteiten): the plain-language
    entry points. The DSO calls the synoniemen "trefwoorden"; either name is read."""
    _vorm(not isinstance(catalogus, list), bron, "verwacht een JSON-lijst van werkzaamheden")
    for w in catalogus:
        _vorm(
            not isinstance(w, dict)
            or not all(isinstance(w.get(k), str) for k in ("urn", "naam"))
            or not isinstance(w.get("omschrijving", ""), str)
            or not all(
                isinstance(w.get(k, []), list) and all(isinstance(x, str) for x in w.get(k, []))
                for k in ("synoniemen", "trefwoorden", "activiteiten")
            ),
            bron,
            "elke werkzaamheid heeft een tekst 'urn' en 'naam', mag een tekst 'omschrijving' hebben en "
            "heeft lijsten van teksten 'synoniemen' (of 'trefwoorden') en 'activiteiten'",
        )
        _past(
            Werkzaamheid,
            {"synoniemen": _synoniemen(w), **{k: w[k] for k in ("urn", "naam", "activiteiten") if k in w}},
            bron,
        )
    with transaction.atomic():
        for w in catalogus:
            werkzaamheid = Werkzaamheid.objects.filter(urn=w["urn"]).first() or Werkzaamheid(urn=w["urn"])
            werkzaamheid.naam = w["naam"]
            werkzaamheid.synoniemen = _synoniemen(w)
            werkzaamheid.omschrijving = w.get("omschrijving", werkzaamheid.omschrijving)
            werkzaamheid.activiteiten = sorted({*werkzaamheid.activiteiten, *w.get("activiteiten", [])})
            werkzaamheid.save()
    return len(catalogus)


def _synoniemen(w: dict) -> list[str]:
    """synoniemen and trefwoorden together, each once, in their order."""
    return list(
        dict.fromkeys(s.strip() for s in [*w.get("synoniemen", []), *w.get("trefwoorden", [])] if s.strip())
    )


def lees_begrensd(bestand) -> bytes:
    """A delivery file's bytes, refused when larger than any STTR file may be (parser.MAX_BYTES)."""
    with bestand.open() as fh:
        inhoud = fh.read(parser.MAX_BYTES + 1)
    if len(inhoud) > parser.MAX_BYTES:
        raise SttrFout(
            "sttr.te_groot", bestand.naam, f"bestand is groter dan het maximum van {parser.MAX_BYTES} bytes"
        )
    return inhoud


def _begindata(inhoud: bytes, bron: str) -> dict[str, date]:
    """bestandsnaam → geldigBegindatum from an opdracht file (namespaces vary between versions).

    An opdracht is plain data: one with a DTD, a processing instruction or a script is refused, and so
    are the DMN files it came with."""
    try:
        root = etree.fromstring(inhoud, parser._parser())
    except etree.XMLSyntaxError as exc:
        raise SttrFout("sttr.opdracht_ongeldig", bron, f"geen geldige XML: {exc}") from exc
    knopen = [*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()]
    if root.getroottree().docinfo.doctype or any(
        isinstance(k, etree._ProcessingInstruction)
        or (isinstance(k.tag, str) and etree.QName(k).localname.lower() == "script")
        for k in knopen
    ):
        raise SttrFout(
            "sttr.opdracht_script",
            bron,
            "een opdracht mag geen DTD, script of verwerkingsinstructie bevatten",
        )
    out = {}
    for opdracht in root.iter("{*}toevoegenToepasbareRegels", "{*}wijzigenToepasbareRegels"):
        naam = opdracht.findtext("{*}bestandsnaam")
        if naam and (d := lees_datum(opdracht.findtext("{*}geldigBegindatum"))):
            out[naam.strip()] = d
    return out


def _map(naam: str) -> str:
    """The zip (or folder) a delivery file came in: an opdracht speaks for the files beside it."""
    return naam.rsplit("!", 1)[0] if "!" in naam else str(Path(naam).parent)


def importeer_pad(pad: Path, begin_geldigheid: date | None = None, voortgang=None) -> ImportResultaat:
    """Import every STTR file in a file, folder or (nested) zip; reports per file, never stops early.

    Two passes over the delivery, one file in memory at a time: first the opdrachten (they date the
    DMN files), then the rest."""
    start = time.monotonic()
    resultaat = ImportResultaat()
    begindata, activiteit_van, geweigerd = {}, {}, {}
    namen = []
    for bestand in bestanden(Path(pad)):
        namen.append(bestand.naam)
        if bestand.fout is None and bestand.basename.startswith("opdracht"):
            try:
                inhoud = lees_begrensd(bestand)
                begindata.update(_begindata(inhoud, bestand.naam))
            except (SttrFout, UitpakFout) as exc:
                geweigerd[_map(bestand.naam)] = bestand.naam
                resultaat.fouten.append((bestand.naam, exc.code, str(exc)))
                continue
            for m in re.finditer(rb"<activiteitIdentifier>([^<]+)</activiteitIdentifier>", inhoud):
                activiteit_van[_map(bestand.naam)] = m.group(1).decode().strip()
    for nr, bestand in enumerate(bestanden(Path(pad)), start=1):
        naam, basename = bestand.naam, bestand.basename
        if voortgang:
            voortgang(nr, len(namen), naam)
        try:
            if bestand.fout is not None:
                raise bestand.fout
            if basename.lower().endswith(".dmn"):
                if _map(naam) in geweigerd:
                    raise SttrFout(
                        "sttr.opdracht_geweigerd",
                        naam,
                        f"de opdracht ernaast ({geweigerd[_map(naam)]}) is geweigerd",
                    )
                inhoud = lees_begrensd(bestand)
                status = importeer_sttr(inhoud, naam, begin_geldigheid or begindata.get(basename))
                setattr(resultaat, status, getattr(resultaat, status) + 1)
            elif basename == "werkzaamheden.json":
                resultaat.werkzaamheden += importeer_werkzaamheden(json.loads(lees_begrensd(bestand)), naam)
            elif basename.lower().endswith(".json") and basename.startswith("nl.imow"):
                activiteit = activiteit_van.get(_map(naam), basename[: -len(".json")])
                resultaat.werkzaamheden += _koppel_werkzaamheden(lees_begrensd(bestand), activiteit, naam)
        except CodeFout as exc:  # SttrFout, EngineFout, FeelFout, UitpakFout
            resultaat.fouten.append((naam, exc.code, str(exc)))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            resultaat.fouten.append((naam, "sttr.bestand_ongeldig", str(exc)))
        except RecursionError:
            # The FEEL and JSON readers stop at their own depth limits; this is the net below them.
            resultaat.fouten.append((naam, "sttr.te_diep", "het bestand is te diep genest om te lezen"))
        except zipfile.BadZipFile as exc:
            resultaat.fouten.append((naam, "uitpakken.zip_ongeldig", str(exc)))
        except DatabaseError as exc:
            # Each file writes in its own transaction, so nothing of this one stays behind.
            resultaat.fouten.append((naam, "sttr.database", str(exc).strip().splitlines()[0]))
    resultaat.seconden = time.monotonic() - start
    return resultaat
