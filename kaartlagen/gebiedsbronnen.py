"""Counts per buurt that apps above kaartlagen keep (vergunningaanvragen in `dso_koppeling`,
werkzaamheden and buurtberichten in `loket.buurtberichten`), for whoever summarises gebieden (the
buurtdashboard).

An extension point like `locatie.sectie`: an app registers a `Gebiedsbron` when it starts
(`AppConfig.ready()`). kaartlagen never names those apps, and the reader never imports them; that
matters because the buurtdashboard and buurtberichten are siblings that may not import each other,
and dso_koppeling is a layer above the dashboard.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Telling:
    """How many of one thing (`sleutel`: an activiteit, a soort bericht) one buurt has for one measure
    (`maat`: aangevraagd, besloten, open, …), in one month (`maand`: its first day) or now (None).
    Where one thing can have several sleutels (an aanvraag for two activiteiten), the source also
    gives the total with sleutel "", counting each thing once."""

    buurtcode: str  # "" when it lies in no buurt: it counts for the gemeente only
    sleutel: str
    naam: str
    maat: str
    maand: date | None
    aantal: int


@dataclass(frozen=True)
class Gebiedsbron:
    naam: str
    titel: str
    # The counts of these buurten (None: of every buurt), one Telling per (buurt, sleutel, maat, maand).
    tellingen: Callable[[list[str] | None], list[Telling]]
    # The measures in the order a table shows them: (maat, label).
    maten: tuple[tuple[str, str], ...]
    # Zaken of these zaaktypen feed the counts: a reader refreshes a buurt when the outbox says one changed.
    zaaktypen: frozenset[str] = frozenset()
    # For a source outside the zaak outbox: a cheap fingerprint that changes whenever the counts may have.
    stempel: Callable[[], str] | None = None


BRONNEN: dict[str, Gebiedsbron] = {}


def registreer(bron: Gebiedsbron) -> Gebiedsbron:
    BRONNEN[bron.naam] = bron
    return bron
