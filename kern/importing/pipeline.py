"""The import contract every delivery importer shares (BAG, BGT, CBS, and later IMOW/IMRO).

Per file of a delivery, in one transaction: parse the file as a stream and COPY each object into a
temporary staging table (memory stays flat however large the file), then let one set-based merge
move the staging rows into the real table. A broken file rolls back alone; a bad object is skipped
and reported with file, line and identificatie; a file that was imported before (same soort and
sha256) is not read again, so an interrupted delivery resumes where it stopped. levering.py takes a
delivery through this file by file, with worker processes side by side.
"""

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from lxml import etree

from kern.fouten import CodeFout
from kern.importing import importrun, verbinding
from kern.importing.copytekst import copy_rij
from kern.importing.sources import Bestand, UitpakFout
from kern.importing.voortgang import Voortgang

MAX_BEVINDINGEN_PER_RUN = 500
# One worker per core: two processes keep both cores of our machines busy.
STANDAARD_WERKERS = os.cpu_count() or 1
logger = logging.getLogger(__name__)


class ImportFout(Exception):
    """A whole file cannot be imported; it is rolled back and the rest of the delivery goes on."""

    def __init__(self, code: str, bericht: str, regelnummer: int | None = None):
        super().__init__(bericht)
        self.code = code
        self.regelnummer = regelnummer


# BAG and BGT write xs:dateTime without a zone: the registry's own time, which is Dutch local time.
LEVERING_TIJDZONE = ZoneInfo("Europe/Amsterdam")


def tijdstip(text: str | None) -> datetime | None:
    """A delivery's timestamp as an aware datetime (raises ValueError when it is not one)."""
    if not text:
        return None
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=LEVERING_TIJDZONE)


class OpnieuwLezen(Exception):
    """A fast reader met something it cannot read exactly as the ordinary parser would, after it had
    given rows: the file is read again from the start through `Objectsoort.rijen_gewoon`."""


class RecordFout(CodeFout):
    """One object cannot be imported; it is skipped and reported with this stable code."""


@dataclass
class Bevinding:
    """Something about one object that the supplier of the delivery should hear about."""

    soort: str  # overgeslagen | hersteld | waarschuwing
    code: str  # stable, machine-readable: geometrie_ongeldig, srs_onjuist, verwijzing_ontbreekt, …
    bestand: str
    regelnummer: int | None
    identificatie: str | None
    reden: str

    def __str__(self):
        waar = f"{self.bestand}:{self.regelnummer}" if self.regelnummer else self.bestand
        return f"{self.soort} [{self.code}] {waar} {self.identificatie or '-'}: {self.reden}"


@dataclass
class Telling:
    gelezen: int = 0
    historisch: int = 0  # earlier voorkomens in the file, superseded by a later one
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    beeindigd: int = 0  # objects the delivery ends (removed from the current state)
    overgeslagen: int = 0
    hersteld: int = 0  # imported after repairing the geometry

    def add(self, other: "Telling") -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)


@dataclass
class BestandResultaat:
    naam: str
    status: str  # klaar | al_geimporteerd | mislukt | niet_gelezen
    telling: Telling = field(default_factory=Telling)
    seconden: float = 0.0
    fout: str = ""


@dataclass
class Resultaat:
    soort: str
    bestanden: list[BestandResultaat] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)
    seconden: float = 0.0

    @property
    def ok(self) -> bool:
        return all(b.status != "mislukt" for b in self.bestanden)

    def totaal(self) -> Telling:
        totaal = Telling()
        for b in self.bestanden:
            totaal.add(b.telling)
        return totaal


class Context:
    """What a parser needs to report about the file it reads."""

    def __init__(self, bestand: Bestand, bevindingen: list[Bevinding], voortgang: Voortgang):
        self.bestand = bestand
        self.bevindingen = bevindingen
        self.voortgang = voortgang
        self.gelezen = 0
        # Line numbers in a range of the file (delen.py) lag this far behind the file's own.
        self.regelnummer_offset = 0
        # When the ranges of a file were staged and prepared in their own backends (voorbereiden),
        # the staging rows they held together; the merge then finds their rows in `voorbereid`.
        self.rijen_elders: int | None = None

    def noteer(self, soort: str, code: str, regelnummer, identificatie, reden: str) -> None:
        self.bevindingen.append(Bevinding(soort, code, self.bestand.naam, regelnummer, identificatie, reden))


class Objectsoort:
    """One kind of object in a delivery: how to parse it and how to merge it into its table."""

    code: str
    staging: list[tuple[str, str]]  # (column, SQL type); always includes identificatie and regelnummer
    # The local name of the record element when a large file may be cut between records and parsed by
    # several workers (delen.py); such a soort adds ctx.regelnummer_offset to every line number it reports.
    record_element: str | None = None

    def records(self, fh, ctx: Context) -> Iterator[tuple]:
        raise NotImplementedError

    def rijen(self, fh, ctx: Context) -> Iterator[str]:
        """The staging rows as lines of COPY text; a soort may write them directly, skipping `records`."""
        return map(copy_rij, self.records(fh, ctx))

    def rijen_gewoon(self, fh, ctx: Context) -> Iterator[str]:
        """The rows through the ordinary parser, for a file on which `rijen` raised OpnieuwLezen."""
        return self.rijen(fh, ctx)

    def voorbereiden(self) -> str:
        """A soort that is cut (record_element) names the SELECT (without parameters) that turns
        `staging` into the rows its merge starts from, one per object, the row-by-row work (geometry
        from text, fingerprints) included. Each range runs it in its own backend as soon as it is
        parsed, so that work overlaps the parsing of the other ranges (delen.py)."""
        raise NotImplementedError

    def merge(self, cursor, ctx: Context) -> Telling:
        raise NotImplementedError


def maak_staging(cursor, objectsoort: Objectsoort) -> None:
    """The temporary staging table of one transaction, and the settings its statements need."""
    # PostGIS functions are declared expensive, so on a staging table without statistics the
    # planner turns on JIT: compiling cost ~0.1 s per statement, several times the work itself.
    cursor.execute("set local jit to off")
    cursor.execute(
        "create temporary table staging ("
        + ", ".join(f"{name} {sqltype}" for name, sqltype in objectsoort.staging)
        + ") on commit drop"
    )


def import_bestand(
    soort: str, bestand: Bestand, objectsoort: Objectsoort, sha256: str, voortgang, bevindingen, gelezen=None
):
    """One file in one transaction, as the module docstring says. `gelezen`: the file's ranges when
    workers parsed and prepared them already (levering._lees_deel), as (file of prepared rows in COPY's
    binary format, records read, staging rows, reports) each; else it is parsed here."""
    start = time.monotonic()
    resultaat = BestandResultaat(bestand.naam, "klaar")
    eigen_bevindingen: list[Bevinding] = []
    ctx = Context(bestand, eigen_bevindingen, voortgang)
    with verbinding.cursor() as cursor:
        run = importrun.begin(cursor, soort, bestand.naam, sha256)
    columns = ", ".join(name for name, _ in objectsoort.staging)
    try:
        with verbinding.transactie(), verbinding.cursor() as cursor:
            # A file is re-importable (idempotent, resumable), so after a crash the last commits may be
            # lost without harm; not waiting for the WAL flush makes each file's commit cheap.
            cursor.execute("set local synchronous_commit to off")
            maak_staging(cursor, objectsoort)
            if gelezen:
                cursor.execute(
                    f"create temporary table voorbereid on commit drop as {objectsoort.voorbereiden()} with no data"
                )
                ctx.rijen_elders = 0
                for pad, aantal, rijen, deel_bevindingen in gelezen:
                    # One COPY per range: each binary stream has its own header and trailer.
                    with (
                        cursor.copy("copy voorbereid from stdin (format binary)") as copy,
                        open(pad, "rb") as fh,
                    ):
                        while blok := fh.read(1 << 20):
                            copy.write(blok)
                    ctx.gelezen += aantal
                    ctx.rijen_elders += rijen
                    eigen_bevindingen.extend(deel_bevindingen)
            else:
                try:
                    # A savepoint: rows a fast reader gave before it handed the file back are undone.
                    with verbinding.transactie():
                        _copy_bestand(cursor, columns, objectsoort.rijen, bestand, ctx)
                except OpnieuwLezen:
                    ctx.gelezen = 0
                    eigen_bevindingen.clear()
                    _copy_bestand(cursor, columns, objectsoort.rijen_gewoon, bestand, ctx)
            telling = objectsoort.merge(cursor, ctx)
            # Dropped explicitly as well: inside an outer transaction (tests, a caller's atomic block)
            # "on commit drop" would keep them until that outer commit.
            cursor.execute("drop table if exists staging, voorbereid, cur")
            telling.gelezen = ctx.gelezen
            telling.overgeslagen = sum(1 for m in eigen_bevindingen if m.soort == "overgeslagen")
            telling.hersteld = sum(1 for m in eigen_bevindingen if m.soort == "hersteld")
            resultaat.telling = telling
            importrun.klaar(
                cursor, run, asdict(telling), [asdict(m) for m in eigen_bevindingen[:MAX_BEVINDINGEN_PER_RUN]]
            )
    except etree.XMLSyntaxError as exc:
        regelnummer = exc.lineno if exc.lineno else None
        resultaat.status, resultaat.fout = "mislukt", f"[xml_ongeldig] regel {regelnummer}: {exc.msg}"
    except ImportFout as exc:
        waar = f"regel {exc.regelnummer}: " if exc.regelnummer else ""
        resultaat.status, resultaat.fout = "mislukt", f"[{exc.code}] {waar}{exc}"
    except UitpakFout as exc:
        resultaat.status, resultaat.fout = "mislukt", f"[{exc.code}] {exc}"
    except verbinding.databasefouten() as exc:
        resultaat.status, resultaat.fout = "mislukt", f"[database] {str(exc).strip().splitlines()[0]}"
    except Exception as exc:  # noqa: BLE001 (any other failure still fails only this file, visibly)
        logger.exception("Import van %s mislukt", bestand.naam)
        resultaat.status, resultaat.fout = "mislukt", f"[onverwacht] {type(exc).__name__}: {exc}"
    if resultaat.status == "mislukt":
        # Nothing of the file was kept, so its object reports would mislead: only the failure counts.
        eigen_bevindingen.clear()
        with verbinding.cursor() as cursor:
            importrun.mislukt(cursor, run, resultaat.fout)
    bevindingen.extend(eigen_bevindingen)
    resultaat.seconden = time.monotonic() - start
    return resultaat


def _copy_bestand(cursor, columns: str, lezer, bestand: Bestand, ctx: Context) -> None:
    with cursor.copy(f"copy staging ({columns}) from stdin") as copy, bestand.open() as fh:
        copy_rijen(lezer, fh, ctx, copy)


def copy_rijen(lezer, fh, ctx: Context, copy) -> int:
    """The staging rows `lezer(fh, ctx)` gives (an Objectsoort's `rijen`) into a COPY as they are
    parsed; returns how many."""
    rijen, totaal = [], 0
    for rij in lezer(fh, ctx):
        rijen.append(rij)
        if len(rijen) >= 1000:
            copy.write("".join(rijen))
            ctx.voortgang.tick(len(rijen))
            totaal += len(rijen)
            rijen.clear()
    copy.write("".join(rijen))
    ctx.voortgang.tick(len(rijen))
    return totaal + len(rijen)


def xml_elementen(fh, tags: set[str]):
    """lxml's iterparse over the end of each element with these (namespaced) tags, with the settings
    every delivery is read with (its `root` is the document's root once it is read)."""
    return etree.iterparse(
        fh,
        events=("end",),
        tag=tuple(tags),
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        collect_ids=False,
    )


def iter_elements(fh, tags: set[str], ctx: Context, parser=None) -> Iterator:
    """Stream the elements with these (namespaced) tags and free each one after use (`parser`: an
    xml_elementen over them, to look at its root afterwards).

    Clearing the element and its finished siblings is what keeps memory flat on large files. No
    table of IDs is built: nothing looks elements up by ID, and GML gives every geometry one.
    """
    for _, el in parser if parser is not None else xml_elementen(fh, tags):
        ctx.gelezen += 1
        yield el
        el.clear(keep_tail=False)
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
