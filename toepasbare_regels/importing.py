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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from lxml import etree

from kern.importing.sources import bestanden

from .models import ToepasbareRegelBestand, Werkzaamheid, bestand_sleutel
from .sttr import parser
from .sttr.antwoorden import lees_datum
from .sttr.engine import Engine, EngineFout
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


def _koppel_werkzaamheden(inhoud: bytes, activiteit: str) -> int:
    data = json.loads(inhoud)
    aantal = 0
    with transaction.atomic():
        for w in data.get("werkzaamheden", []):
            urn = (w.get("urn") or "").strip()
            if not urn:
                continue
            werkzaamheid, _ = Werkzaamheid.objects.get_or_create(
                urn=urn, defaults={"naam": re.sub(r"(?<!^)(?=[A-Z])", " ", urn).capitalize()}
            )
            if activiteit not in werkzaamheid.activiteiten:
                werkzaamheid.activiteiten = [*werkzaamheid.activiteiten, activiteit]
                werkzaamheid.save()
                aantal += 1
    return aantal


def importeer_werkzaamheden(catalogus: list[dict]) -> int:
    """A werkzaamheden catalogue (urn, naam, synoniemen, activiteiten): the plain-language entry points."""
    with transaction.atomic():
        for w in catalogus:
            werkzaamheid = Werkzaamheid.objects.filter(urn=w["urn"]).first() or Werkzaamheid(urn=w["urn"])
            werkzaamheid.naam = w["naam"]
            werkzaamheid.synoniemen = list(w.get("synoniemen", []))
            werkzaamheid.activiteiten = sorted({*werkzaamheid.activiteiten, *w.get("activiteiten", [])})
            werkzaamheid.save()
    return len(catalogus)


def _lees(bestand) -> bytes:
    with bestand.open() as fh:
        inhoud = fh.read(parser.MAX_BYTES + 1)
    return inhoud


def _begindata(inhoud: bytes) -> dict[str, date]:
    """bestandsnaam → geldigBegindatum from an opdracht file (namespaces vary between versions)."""
    root = etree.fromstring(inhoud, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    out = {}
    for opdracht in root.iter("{*}toevoegenToepasbareRegels", "{*}wijzigenToepasbareRegels"):
        naam = opdracht.findtext("{*}bestandsnaam")
        if naam and (d := lees_datum(opdracht.findtext("{*}geldigBegindatum"))):
            out[naam.strip()] = d
    return out


def importeer_pad(pad: Path, begin_geldigheid: date | None = None, voortgang=None) -> ImportResultaat:
    """Import every STTR file in a file, folder or (nested) zip; reports per file, never stops early."""
    start = time.monotonic()
    resultaat = ImportResultaat()
    alle = [(b.naam, b.basename, _lees(b)) for b in bestanden(Path(pad))]
    begindata, activiteit_van = {}, {}
    for naam, basename, inhoud in alle:
        if basename.startswith("opdracht"):
            try:
                begindata.update(_begindata(inhoud))
            except etree.XMLSyntaxError as exc:
                resultaat.fouten.append((naam, "sttr.opdracht_ongeldig", str(exc)))
            for m in re.finditer(rb"<activiteitIdentifier>([^<]+)</activiteitIdentifier>", inhoud):
                activiteit_van[naam.rsplit("!", 1)[0]] = m.group(1).decode().strip()
    for nr, (naam, basename, inhoud) in enumerate(alle, start=1):
        if voortgang:
            voortgang(nr, len(alle), naam)
        try:
            if basename.lower().endswith(".dmn"):
                status = importeer_sttr(inhoud, naam, begin_geldigheid or begindata.get(basename))
                setattr(resultaat, status, getattr(resultaat, status) + 1)
            elif basename == "werkzaamheden.json":
                resultaat.werkzaamheden += importeer_werkzaamheden(json.loads(inhoud))
            elif basename.lower().endswith(".json") and basename.startswith("nl.imow"):
                activiteit = activiteit_van.get(naam.rsplit("!", 1)[0], basename[: -len(".json")])
                resultaat.werkzaamheden += _koppel_werkzaamheden(inhoud, activiteit)
        except (SttrFout, EngineFout) as exc:
            resultaat.fouten.append((naam, exc.code, str(exc)))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            resultaat.fouten.append((naam, "sttr.bestand_ongeldig", str(exc)))
    resultaat.seconden = time.monotonic() - start
    return resultaat
