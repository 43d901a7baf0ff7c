"""A delivery file by file, in the order its references need: one at a time, or side by side in
worker processes, each file through the contract of pipeline.py (its own transaction).

With workers, a fase (files that do not depend on each other) is planned once all its files are
known: the largest go first, so that the small ones fill up at the end, and a file larger than one
worker's share is parsed in ranges by several workers (delen.py) before its one merge. While a fase
is imported, this process copies the next one out of the delivery; when no fase is running, the
files that will not be cut start as soon as there are enough of them to keep every worker busy.
"""

import functools
import math
import multiprocessing
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kern.importing import delen, importrun, verbinding
from kern.importing.delen import Deel, DeelLezer, Indeling, regelnummer_voor
from kern.importing.pipeline import (
    BestandResultaat,
    Bevinding,
    Context,
    Objectsoort,
    Resultaat,
    copy_rijen,
    import_bestand,
    maak_staging,
)
from kern.importing.sources import Bestand, UitpakFout, bestanden
from kern.importing.voortgang import Voortgang

# A file is only cut when each range is at least this large: below it the cutting costs more than
# it saves.
MIN_DEEL = 4 << 20


def _in_werker(
    soort: str, naam: str, pad: str, objectsoort: Objectsoort, sha256: str, kopie: bool, gelezen=None
):
    """One file in a worker process: the same contract, with the process's own connection. `kopie`:
    `pad` is this import's own copy, removed when done (else it is the delivered file itself)."""
    bevindingen: list[Bevinding] = []
    bestand = Bestand(naam, functools.partial(open, pad, "rb"))
    resultaat = import_bestand(soort, bestand, objectsoort, sha256, Voortgang(None), bevindingen, gelezen)
    if kopie:
        Path(pad).unlink()
    for deel, *_ in gelezen or ():
        Path(deel).unlink()
    return resultaat, bevindingen


def _lees_deel(naam: str, pad: str, objectsoort: Objectsoort, indeling: Indeling, deel: Deel, uit: str):
    """One range of a file, in a worker: parsed, its rows COPY'd into the worker's own backend while
    they are parsed, prepared there (objectsoort.voorbereiden) and written to `uit` in COPY's binary
    format for the file's one merge. The worker's transaction is rolled back: it keeps nothing. Gives
    (uit, records, staging rows, reports); None when the range does not parse or prepare, and then the
    file is imported whole, which reports its errors."""
    bevindingen: list[Bevinding] = []
    ctx = Context(Bestand(naam, None), bevindingen, Voortgang(None))
    ctx.regelnummer_offset = regelnummer_voor(pad, deel)
    columns = ", ".join(name for name, _ in objectsoort.staging)
    try:
        with (
            DeelLezer(pad, indeling, deel) as fh,
            verbinding.transactie(terugdraaien=True),
            verbinding.cursor() as cursor,
        ):
            maak_staging(cursor, objectsoort)
            with cursor.copy(f"copy staging ({columns}) from stdin") as copy:
                rijen = copy_rijen(objectsoort.rijen, fh, ctx, copy)
            with (
                cursor.copy(f"copy ({objectsoort.voorbereiden()}) to stdout (format binary)") as copy,
                open(uit, "wb") as out,
            ):
                for blok in copy:
                    out.write(blok)
    except Exception:  # noqa: BLE001 (the whole-file import reports what is wrong)
        Path(uit).unlink(missing_ok=True)
        return None
    return uit, ctx.gelezen, rijen, bevindingen


@dataclass
class _Klaar:
    """A file ready for a worker: copied out of the delivery (a worker cannot read from the zip this
    process holds open), or a file on disk where it is."""

    args: tuple  # soort, naam, path, objectsoort, sha256 (or its Future), whether the path is our own copy
    grootte: int
    handle: object = None  # once started: get() gives (BestandResultaat, bevindingen)


class _Gedeeld:
    """A file parsed in ranges; its merge starts as soon as the last range is done, from the pool's
    result thread, so that no worker waits for this process to notice."""

    def __init__(self, pool, args: tuple, aantal: int):
        self.pool, self.args = pool, args
        self.delen: list = [None] * aantal
        self.over = aantal
        self.gestart = threading.Event()
        self.merge = self.fout = None

    def deel_klaar(self, k: int, uitkomst) -> None:
        # Callbacks run one after the other in the pool's single result thread.
        self.delen[k] = uitkomst if isinstance(uitkomst, tuple) else None
        self.over -= 1
        if self.over == 0:
            gelezen = None if None in self.delen else self.delen
            try:
                self.merge = self.pool.apply_async(_in_werker, (*_vastgelegd(self.args), gelezen))
            except ValueError:  # the pool is closed: the import was given up
                pass
            except OSError as exc:  # the file could not be read for its fingerprint
                self.fout = exc
            finally:
                self.gestart.set()

    def ready(self) -> bool:
        return self.gestart.is_set() and (self.merge is None or self.merge.ready())

    def get(self):
        self.gestart.wait()
        if self.fout is not None:
            raise self.fout
        if self.merge is None:
            raise RuntimeError(f"{self.args[1]}: de werkers zijn gestopt")
        return self.merge.get()


class _Hier:
    """A file imported in this process, handed on as a worker's handle would give it."""

    def __init__(self, uitkomst: tuple):
        self.uitkomst = uitkomst

    def ready(self) -> bool:
        return True

    def get(self) -> tuple:
        return self.uitkomst


class _Werkers:
    """Worker processes for the files of a fase.

    The Python half of an import (walking XML, building rows) holds the GIL, so threads do not help;
    processes do. They are forked only while this process has no open database connection: a child
    must never share the parent's connection (its exit would end the parent's session).
    """

    def __init__(self, aantal: int, tmp: Path):
        self.aantal, self.tmp, self.pool = aantal, tmp, None
        self.gedeeld = 0  # files cut so far: names their ranges' output in tmp

    def vroeg(self, fase: list) -> None:
        """Start the files of a fase being copied out that will not be cut whatever follows (each is
        at most a worker's share of what is known, and shares only grow), once they keep every
        worker busy; only while no earlier fase is running."""
        klaar = [b for b in fase if isinstance(b, _Klaar)]
        aandeel = sum(b.grootte for b in klaar) / self.aantal
        heel = [b for b in klaar if b.handle is None and self._delen(b, aandeel) < 2]
        if sum(b.handle is not None for b in klaar) + len(heel) >= self.aantal:
            for b in sorted(heel, key=lambda b: b.grootte, reverse=True):
                b.handle = self._start(b, 1)

    def start(self, fase: list) -> list:
        """Start the rest of a fase, now that all its files are known: largest first, a file larger
        than a worker's share cut in ranges. Returns per file a BestandResultaat or a handle whose
        get() gives (BestandResultaat, bevindingen)."""
        klaar = [b for b in fase if isinstance(b, _Klaar)]
        aandeel = sum(b.grootte for b in klaar) / self.aantal
        if (
            self.pool is None
            and len(klaar) == 1
            and klaar[0].handle is None
            and self._delen(klaar[0], aandeel) < 2
        ):
            # One file, not to be cut, and no workers yet: starting them costs more than they save
            # (a 7 KB file took 0.29 s with them, 0.25 s without).
            klaar[0].handle = _Hier(_in_werker(*_vastgelegd(klaar[0].args)))
        for b in sorted(klaar, key=lambda b: b.grootte, reverse=True):
            if b.handle is None:
                b.handle = self._start(b, self._delen(b, aandeel))
        return [b.handle if isinstance(b, _Klaar) else b for b in fase]

    def _delen(self, bestand: _Klaar, aandeel: float) -> int:
        return min(self.aantal, math.ceil(bestand.grootte / max(aandeel, 1)), bestand.grootte // MIN_DEEL)

    def _start(self, bestand: _Klaar, aantal: int):
        if self.pool is None:
            verbinding.sluit()
            self.pool = multiprocessing.get_context("fork").Pool(self.aantal)
        naam, kopie, objectsoort = bestand.args[1], bestand.args[2], bestand.args[3]
        indeling = (
            delen.indeling(kopie, objectsoort.record_element)
            if aantal > 1 and objectsoort.record_element
            else None
        )
        if indeling is None:
            return self.pool.apply_async(_in_werker, _vastgelegd(bestand.args))
        stukken = delen.delen(kopie, indeling, aantal)
        gedeeld = _Gedeeld(self.pool, bestand.args, len(stukken))
        self.gedeeld += 1
        for k, deel in enumerate(stukken):
            self.pool.apply_async(
                _lees_deel,
                (naam, kopie, objectsoort, indeling, deel, str(self.tmp / f"deel-{self.gedeeld}-{k}.copy")),
                callback=functools.partial(gedeeld.deel_klaar, k),
                error_callback=functools.partial(gedeeld.deel_klaar, k),
            )
        return gedeeld

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _vingerafdruk(bestand: Bestand) -> Future:
    """A file's sha256, taken in a thread of this process while its workers already read the file
    (hashlib and the reads release the GIL): the 195 MB file took 0.15 s before any worker started.
    Needed then only for the file's ImportRun, which its merge writes."""
    draad = ThreadPoolExecutor(1)
    try:
        return draad.submit(bestand.kopieer)
    finally:
        draad.shutdown(wait=False)


def _vastgelegd(args: tuple) -> tuple:
    """A file's worker arguments with its fingerprint taken."""
    sha256 = args[4]
    return args if isinstance(sha256, str) else (*args[:4], sha256.result(), *args[5:])


def _eerder(soort: str, sha256: str | None, bestand: Bestand) -> bool:
    # Same content under the same name: identical empty BGT layers stay separate files. Without
    # sha256: anything under that name.
    with verbinding.cursor() as cursor:
        return importrun.eerder(cursor, soort, sha256, bestand.basename)


def importeer(
    soort: str,
    bron: Path,
    objectsoort_voor: Callable[[str], Objectsoort | None],
    volgorde: Callable[[str], object],
    *,
    fase: Callable[[str], object] = lambda naam: None,
    opnieuw: bool = False,
    werkers: int = 1,
    stream=None,
) -> Resultaat:
    """Import a delivery (file, folder or zip) file by file; see pipeline.py for the contract.

    `objectsoort_voor(basename)` says how to read a file (None: not a data file of this soort);
    `volgorde(name)` orders files so that referenced objects come first. Files with the same
    `fase(name)` do not depend on each other: with `werkers` > 1 they are imported side by side in
    worker processes, each file still in its own transaction. Inside a caller's transaction (tests)
    other connections could not see its data, so there files go one at a time. `opnieuw` reads files
    that were imported before anyway (still idempotent: unchanged objects are not written).
    """
    start = time.monotonic()
    resultaat = Resultaat(soort)
    voortgang = Voortgang(stream)
    if werkers > 1 and not verbinding.in_transactie():
        with tempfile.TemporaryDirectory(prefix="levering-") as tmp:
            gekopieerd = _gekopieerd(
                soort, bron, objectsoort_voor, volgorde, fase, opnieuw, Path(tmp), voortgang
            )
            _side_by_side(gekopieerd, _Werkers(werkers, Path(tmp)), resultaat, voortgang)
    else:
        for bestand, te_doen in _te_lezen(soort, bron, objectsoort_voor, volgorde, opnieuw, None):
            if isinstance(te_doen, BestandResultaat):
                br = te_doen
            else:
                objectsoort, sha256, _ = te_doen
                voortgang.begin(bestand.naam)
                br = import_bestand(soort, bestand, objectsoort, sha256, voortgang, resultaat.bevindingen)
            voortgang.done(br)
            resultaat.bestanden.append(br)
    resultaat.seconden = time.monotonic() - start
    return resultaat


def _te_lezen(soort, bron, objectsoort_voor, volgorde, opnieuw, tmp: Path | None) -> Iterator[tuple]:
    """Per file of the delivery, one rule for both ways of importing: (bestand, BestandResultaat) when
    there is nothing to import, else (bestand, (objectsoort, sha256, kopie)). With `tmp` each file in a
    zip is copied out there for a worker to read (kopie), and a file on disk is read where it is
    (kopie is its own path: copying 195 MB cost ~0.4 s before a worker could start; its sha256 may
    then still be being taken, a Future); without `tmp`, it is only fingerprinted."""
    for nummer, bestand in enumerate(bestanden(bron, volgorde)):
        if bestand.fout is not None:
            yield bestand, _geweigerd(soort, bestand.naam, bestand.fout)
            continue
        objectsoort = objectsoort_voor(bestand.basename)
        if objectsoort is None:
            yield (
                bestand,
                BestandResultaat(bestand.naam, "niet_gelezen", fout="geen objectbestand van deze soort"),
            )
            continue
        kopie = (bestand.pad or tmp / f"{nummer}-{bestand.basename}") if tmp else None
        eigen = kopie is not None and kopie != bestand.pad
        if kopie is not None and not eigen:
            # Its workers read it where it is; they may start before it is fingerprinted when no
            # fingerprint could make it skipped (new name, or --opnieuw).
            vingerafdruk = _vingerafdruk(bestand)
            if opnieuw or not _eerder(soort, None, bestand):
                yield bestand, (objectsoort, vingerafdruk, kopie)
                continue
            sha256 = vingerafdruk.result()
            if _eerder(soort, sha256, bestand):
                yield bestand, BestandResultaat(bestand.naam, "al_geimporteerd")
            else:
                yield bestand, (objectsoort, sha256, kopie)
            continue
        try:
            sha256 = bestand.kopieer(kopie if eigen else None)
        except (UitpakFout, zipfile.BadZipFile) as exc:
            if eigen:
                kopie.unlink(missing_ok=True)
            fout = (
                exc
                if isinstance(exc, UitpakFout)
                else UitpakFout("uitpakken.zip_ongeldig", bestand.naam, str(exc))
            )
            yield bestand, _geweigerd(soort, bestand.naam, fout)
            continue
        if not opnieuw and _eerder(soort, sha256, bestand):
            if eigen:
                kopie.unlink()
            yield bestand, BestandResultaat(bestand.naam, "al_geimporteerd")
        else:
            yield bestand, (objectsoort, sha256, kopie)


def _geweigerd(soort: str, naam: str, fout: UitpakFout) -> BestandResultaat:
    """A file the delivery could not unpack: refused on its own, and on record like any failed file."""
    tekst = f"[{fout.code}] {fout}"
    with verbinding.cursor() as cursor:
        importrun.begin(cursor, soort, naam, "", status=importrun.MISLUKT, fout=tekst)
    return BestandResultaat(naam, "mislukt", fout=tekst)


def _gekopieerd(
    soort, bron, objectsoort_voor, volgorde, fase, opnieuw, tmp: Path, voortgang
) -> Iterator[tuple]:
    """(fase, file) through the delivery: a BestandResultaat when there is nothing to import, else _Klaar."""
    for bestand, te_doen in _te_lezen(soort, bron, objectsoort_voor, volgorde, opnieuw, tmp):
        if isinstance(te_doen, BestandResultaat):
            voortgang.done(te_doen)
            yield fase(bestand.naam), te_doen
        else:
            objectsoort, sha256, kopie = te_doen
            args = (soort, bestand.naam, str(kopie), objectsoort, sha256, kopie != bestand.pad)
            yield fase(bestand.naam), _Klaar(args, kopie.stat().st_size)


def _side_by_side(gekopieerd: Iterator[tuple], pool: _Werkers, resultaat: Resultaat, voortgang: Voortgang):
    lopend: list = []  # the fase being imported: per file a BestandResultaat or a handle
    verzameld: list = []  # the next fase, being copied out meanwhile: BestandResultaat or _Klaar

    def afronden():
        for item in lopend:
            if not isinstance(item, BestandResultaat):
                item, bevindingen = item.get()
                resultaat.bevindingen.extend(bevindingen)
                voortgang.done(item)
            resultaat.bestanden.append(item)
        lopend.clear()

    def volgende():
        afronden()  # what the next fase refers to must be complete
        lopend[:] = pool.start(verzameld)
        verzameld.clear()

    huidige = object()
    try:
        for fase, bestand in gekopieerd:
            if fase != huidige and verzameld:
                volgende()
            huidige = fase
            verzameld.append(bestand)
            if all(isinstance(i, BestandResultaat) or i.ready() for i in lopend):
                afronden()
                pool.vroeg(verzameld)
        volgende()
        afronden()
    finally:
        pool.close()
