"""Deliveries as they arrive: a file, a folder, or a zip (zips inside zips, as the Kadaster sends).

This is the one way every importer unpacks a delivery (BAG, BGT, CBS, STTR, omgevingsplan), so the
limits against zip bombs hold everywhere. A zip's central directory is checked before a byte is
unpacked: how many files, how many bytes they unpack to in total, how far zips nest, and how much one
member (or the zip as a whole) expands. Python's zipfile never yields more bytes than the directory
declares (a member that does fails its CRC), and every member is counted again while it is read, so the
declared sizes are a hard bound. Members are read as streams; only a nested zip is spooled to disk,
within the same budget. What breaks a limit is refused with a stable code and its name
(`outer.zip!inner.zip`), on its own where it can be: the rest of the delivery still comes through.
"""

import contextlib
import hashlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings

from kern.fouten import CodeFout

CHUNK = 1 << 20


class UitpakFout(CodeFout):
    """A file (or a whole zip) of a delivery that is not unpacked; `naam` says which."""

    def __init__(self, code: str, naam: str, bericht: str):
        super().__init__(code, f"{naam}: {bericht}")
        self.naam = naam


@dataclass(frozen=True)
class Limieten:
    """What one delivery may unpack to (settings UITPAKKEN_*, docs/importers.md)."""

    max_bytes: int  # all unpacked bytes together, nested zips included
    max_bestanden: int  # members of all zips together
    max_diepte: int  # zips inside zips: 1 = a zip holds no zips
    max_verhouding: int  # unpacked : packed, per member and per zip
    drempel: int  # below this many unpacked bytes a member's ratio is not checked

    @classmethod
    def uit_settings(cls) -> "Limieten":
        return cls(
            settings.UITPAKKEN_MAX_BYTES,
            settings.UITPAKKEN_MAX_BESTANDEN,
            settings.UITPAKKEN_MAX_DIEPTE,
            settings.UITPAKKEN_MAX_VERHOUDING,
            settings.UITPAKKEN_DREMPEL,
        )


@dataclass
class _Budget:
    limieten: Limieten
    bytes: int = 0
    bestanden: int = 0


@dataclass(frozen=True)
class Bestand:
    """One file of a delivery; `naam` shows where it came from (zip!member!member). A file refused while
    unpacking carries its `fout` and cannot be opened."""

    naam: str
    _open: object
    fout: UitpakFout | None = field(default=None, compare=False)
    # A file on disk as it is (not in a zip): other processes can read it where it is.
    pad: Path | None = field(default=None, compare=False)

    @property
    def basename(self) -> str:
        return self.naam.rsplit("!", 1)[-1].rsplit("/", 1)[-1]

    @contextmanager
    def open(self):
        if self.fout is not None:
            raise self.fout
        with self._open() as fh:
            yield fh

    def kopieer(self, doel: Path | None = None) -> str:
        """The file's sha256; with `doel`, also a copy of it there, in the same pass."""
        digest = hashlib.sha256()
        with self.open() as fh, open(doel, "wb") if doel else contextlib.nullcontext() as out:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                if out:
                    out.write(chunk)
        return digest.hexdigest()


def _by_name(name: str):
    return name


class _Geteld:
    """A member's stream that never gives more than the directory declared."""

    def __init__(self, fh, naam: str, grootte: int):
        self.fh, self.naam, self.over = fh, naam, grootte

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.over -= len(data)
        if self.over < 0:
            raise UitpakFout("uitpakken.te_groot", self.naam, "pakt groter uit dan de zip opgeeft")
        return data

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def _weiger(naam: str, code: str, bericht: str) -> Bestand:
    return Bestand(naam, None, UitpakFout(code, naam, bericht))


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{n} bytes"


def _leden(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [
        i
        for i in zf.infolist()
        if not i.is_dir()
        and not PurePosixPath(i.filename).name.startswith(".")
        and "__MACOSX" not in i.filename
    ]


def _zip_fout(leden, goed, naam: str, grootte: int, budget: _Budget) -> Bestand | None:
    """The whole zip refused before anything of it is read, or None."""
    lim = budget.limieten
    uitgepakt = sum(i.file_size for i in goed)
    if budget.bestanden + len(leden) > lim.max_bestanden:
        return _weiger(
            naam,
            "uitpakken.te_veel_bestanden",
            f"{len(leden)} bestanden; een levering mag er samen hoogstens {lim.max_bestanden} hebben",
        )
    if budget.bytes + uitgepakt > lim.max_bytes:
        return _weiger(
            naam,
            "uitpakken.te_groot",
            f"pakt uit tot {_mb(uitgepakt)}; een levering mag samen hoogstens {_mb(lim.max_bytes)} uitpakken",
        )
    if uitgepakt > max(lim.drempel, lim.max_verhouding * grootte):
        return _weiger(
            naam,
            "uitpakken.verhouding",
            f"{_mb(grootte)} pakt uit tot {_mb(uitgepakt)}: meer dan {lim.max_verhouding} keer zo groot",
        )
    return None


def _lid_fout(info: zipfile.ZipInfo, naam: str, lim: Limieten) -> Bestand | None:
    if info.flag_bits & 0x1:
        return _weiger(naam, "uitpakken.versleuteld", "is versleuteld")
    if info.file_size > max(lim.drempel, lim.max_verhouding * info.compress_size):
        return _weiger(
            naam,
            "uitpakken.verhouding",
            f"{_mb(info.compress_size)} pakt uit tot {_mb(info.file_size)}: "
            f"meer dan {lim.max_verhouding} keer zo groot",
        )
    return None


def _from_zip(
    zf: zipfile.ZipFile, prefix: str, grootte: int, diepte: int, volgorde, budget
) -> Iterator[Bestand]:
    leden = sorted(_leden(zf), key=lambda i: volgorde(i.filename))
    # A member that is a bomb by itself is refused alone; the zip as a whole is judged on the rest.
    fouten = {i.filename: _lid_fout(i, f"{prefix}{i.filename}", budget.limieten) for i in leden}
    goed = [i for i in leden if fouten[i.filename] is None]
    if fout := _zip_fout(leden, goed, prefix.rstrip("!"), grootte, budget):
        yield fout
        return
    budget.bestanden += len(leden)
    budget.bytes += sum(i.file_size for i in goed)
    for info in leden:
        naam = f"{prefix}{info.filename}"
        if fouten[info.filename]:
            yield fouten[info.filename]
        elif info.filename.lower().endswith(".zip"):
            yield from _nested(zf, info, naam, diepte, volgorde, budget)
        else:
            yield Bestand(naam, lambda info=info, naam=naam: _Geteld(zf.open(info), naam, info.file_size))


def _nested(zf, info, naam: str, diepte: int, volgorde, budget) -> Iterator[Bestand]:
    if diepte >= budget.limieten.max_diepte:
        yield _weiger(
            naam,
            "uitpakken.te_diep",
            f"zips mogen hoogstens {budget.limieten.max_diepte} diep in elkaar zitten",
        )
        return
    # zipfile needs a seekable file: a nested zip is spooled to disk (counted in the budget above),
    # never held in memory.
    with tempfile.TemporaryFile() as tmp:
        try:
            with _Geteld(zf.open(info), naam, info.file_size) as src:
                shutil.copyfileobj(src, tmp, CHUNK)
            tmp.seek(0)
            inner = zipfile.ZipFile(tmp)
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            yield _weiger(naam, "uitpakken.zip_ongeldig", f"geen leesbare zip: {exc}")
            return
        with inner:
            yield from _from_zip(inner, f"{naam}!", info.file_size, diepte + 1, volgorde, budget)


def bestanden(pad: Path, volgorde=_by_name, limieten: Limieten | None = None) -> Iterator[Bestand]:
    """Every data file in a delivery, ordered by `volgorde(name)` at each level (a folder, a zip).

    Nested zips are opened lazily, one at a time, so the order is what lets an importer load the
    objects that others refer to first. A refused file or zip comes as a Bestand with `fout`.
    """
    pad = Path(pad)
    if not pad.exists():
        raise FileNotFoundError(f"{pad} bestaat niet")
    budget = _Budget(limieten or Limieten.uit_settings())
    yield from _bestanden(pad, volgorde, budget)


def _bestanden(pad: Path, volgorde, budget: _Budget) -> Iterator[Bestand]:
    if pad.is_dir():
        for child in sorted(
            (p for p in pad.iterdir() if not p.name.startswith(".")), key=lambda p: volgorde(p.name)
        ):
            yield from _bestanden(child, volgorde, budget)
    elif pad.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(pad)
        except zipfile.BadZipFile as exc:
            yield _weiger(pad.name, "uitpakken.zip_ongeldig", f"geen leesbare zip: {exc}")
            return
        with zf:
            yield from _from_zip(zf, f"{pad.name}!", pad.stat().st_size, 1, volgorde, budget)
    else:
        yield Bestand(str(pad), lambda: open(pad, "rb"), pad=pad)  # noqa: SIM115 (closed by Bestand.open)


def uitpakpad(map_: Path, naam: str) -> Path:
    """Where a zip member (naam: zip!folder/file, zip!inner.zip!file) goes under `map_`: at its own
    path, so two files of one name in different folders stay apart, and never outside `map_`."""
    delen = [d for d in re.split(r"[!/\\]", naam.split("!", 1)[-1]) if d not in ("", ".", "..")]
    return map_.joinpath(*delen)


def naar_map(pad: Path, map_: Path, limieten: Limieten | None = None) -> list[UitpakFout]:
    """Unpack a delivery into `map_` (within the limits, streaming); returns what was refused. A member
    whose path clashes with another (`a/b` as a file and `a/b/c.xml`, or the same path twice) is refused
    with `uitpakken.pad_botsing`; the first one stays."""
    geweigerd = []
    for bestand in bestanden(pad, limieten=limieten):
        if bestand.fout is not None:
            geweigerd.append(bestand.fout)
            continue
        doel = uitpakpad(map_, bestand.naam)
        try:
            if doel.exists():
                raise FileExistsError(doel)
            doel.parent.mkdir(parents=True, exist_ok=True)
            bestand.kopieer(doel)
        except (FileExistsError, NotADirectoryError):
            geweigerd.append(
                UitpakFout(
                    "uitpakken.pad_botsing", bestand.naam, "een ander bestand in de zip heeft dit pad al"
                )
            )
        except UitpakFout as fout:
            doel.unlink(missing_ok=True)
            geweigerd.append(fout)
    return geweigerd
