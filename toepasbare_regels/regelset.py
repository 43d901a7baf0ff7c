"""Which rule files apply (werkzaamheid → activiteiten → file valid on the peildatum), parsed once."""

import re
from datetime import date

from django.db.models import Q

from kern.fouten import CodeFout

from .importing import ontleed_ref
from .models import ToepasbareRegelBestand, Werkzaamheid
from .sttr import parser
from .sttr.engine import Engine
from .sttr.model import Bestand

_CACHE: dict[str, tuple[Bestand, Engine]] = {}
_CACHE_MAX = 500


class RegelFout(CodeFout):
    pass


def geladen(row: ToepasbareRegelBestand) -> tuple[Bestand, Engine]:
    """The parsed file and its engine, cached by content hash (a new version is a new hash)."""
    if row.sha256 not in _CACHE:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        model = parser.lees(row.dmn.encode("utf-8"), row.naam)
        _CACHE[row.sha256] = (model, Engine(model))
    return _CACHE[row.sha256]


def geldig_op(peildatum: date):
    return Q(begin_geldigheid__lte=peildatum) & (
        Q(eind_geldigheid__isnull=True) | Q(eind_geldigheid__gt=peildatum)
    )


def bestanden_voor(
    activiteit: str, typering: str, peildatum: date, toestemming: str = ""
) -> list[ToepasbareRegelBestand]:
    qs = ToepasbareRegelBestand.objects.filter(
        geldig_op(peildatum), activiteiten__contains=[activiteit], typering=typering
    )
    if toestemming:
        qs = qs.filter(toestemming=toestemming)
    # The DMN text is read only when the parse cache misses (geladen), not on every lookup.
    return list(qs.defer("dmn").order_by("naam"))


_WERKZAAMHEID_REF = re.compile(r"/werkzaamheden/id/concept/([^/#?]+)$")


def werkzaamheid_urn(ref: str) -> str:
    """ "DakkapelPlaatsen" for ".../werkzaamheden/id/concept/DakkapelPlaatsen" (or for itself)."""
    ref = (ref or "").strip().lstrip("#")
    return m.group(1) if (m := _WERKZAAMHEID_REF.search(ref)) else ref


def activiteiten_van(refs: list[str]) -> list[tuple[Werkzaamheid | None, str]]:
    """(werkzaamheid, activiteit) pairs for werkzaamheid urns/refs or activiteit refs/ids, in order."""
    out: list[tuple[Werkzaamheid | None, str]] = []
    for ref in refs:
        ref = (ref or "").strip().lstrip("#")
        if activiteit := ontleed_ref(ref)[2]:  # the grammar the importer stores them by
            out.append((None, activiteit))
            continue
        if ref.startswith("nl.imow-"):
            out.append((None, ref))
            continue
        werkzaamheid = Werkzaamheid.objects.filter(urn=werkzaamheid_urn(ref)).first()
        if werkzaamheid is None:
            raise RegelFout(
                "regels.werkzaamheid_onbekend", f"Onbekende werkzaamheid of activiteit: {ref[:200]!r}."
            )
        out.extend((werkzaamheid, a) for a in werkzaamheid.activiteiten)
    gezien: set[str] = set()
    return [(w, a) for w, a in out if not (a in gezien or gezien.add(a))]


def aansluitpunt(
    row: ToepasbareRegelBestand, model_naam: str, peildatum: date
) -> ToepasbareRegelBestand | None:
    """The rule file an aansluitpunt names: same bevoegd gezag (namespace) first, valid on the peildatum."""
    qs = ToepasbareRegelBestand.objects.filter(geldig_op(peildatum), naam=model_naam).defer("dmn")
    return qs.filter(namespace=row.namespace).first() or qs.first()


def herbruikbaar(activiteit: str, typering: str, peildatum: date) -> ToepasbareRegelBestand | None:
    """The rule file a herbruikbare beslissing names by its activiteit: one of the same typering first,
    else its conclusie, valid on the peildatum."""
    for soort in dict.fromkeys((typering, "Conclusie")):
        if gevonden := bestanden_voor(activiteit, soort, peildatum):
            return gevonden[0]
    return None
