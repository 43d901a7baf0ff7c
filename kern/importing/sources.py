"""Deliveries as they arrive: a file, a folder, or a zip (zips inside zips, as the Kadaster sends)."""

import contextlib
import hashlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class Bestand:
    """One file of a delivery; `naam` shows where it came from (zip!member!member)."""

    naam: str
    _open: object

    @property
    def basename(self) -> str:
        return self.naam.rsplit("!", 1)[-1].rsplit("/", 1)[-1]

    @contextmanager
    def open(self):
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


def _from_zip(zf: zipfile.ZipFile, prefix: str, volgorde) -> Iterator[Bestand]:
    for info in sorted(zf.infolist(), key=lambda i: volgorde(i.filename)):
        name = info.filename
        if info.is_dir() or Path(name).name.startswith(".") or "__MACOSX" in name:
            continue
        if name.lower().endswith(".zip"):
            # zipfile needs a seekable file; a nested zip is spooled to disk, never held in memory.
            with tempfile.TemporaryFile() as tmp:
                with zf.open(info) as src:
                    shutil.copyfileobj(src, tmp, CHUNK)
                tmp.seek(0)
                with zipfile.ZipFile(tmp) as inner:
                    yield from _from_zip(inner, f"{prefix}{name}!", volgorde)
        else:
            yield Bestand(f"{prefix}{name}", lambda info=info: zf.open(info))


def bestanden(pad: Path, volgorde=_by_name) -> Iterator[Bestand]:
    """Every data file in a delivery, ordered by `volgorde(name)` at each level (a folder, a zip).

    Nested zips are opened lazily, one at a time, so the order is what lets an importer load the
    objects that others refer to first.
    """
    pad = Path(pad)
    if not pad.exists():
        raise FileNotFoundError(f"{pad} bestaat niet")
    if pad.is_dir():
        for child in sorted(
            (p for p in pad.iterdir() if not p.name.startswith(".")), key=lambda p: volgorde(p.name)
        ):
            yield from bestanden(child, volgorde)
    elif pad.suffix.lower() == ".zip":
        with zipfile.ZipFile(pad) as zf:
            yield from _from_zip(zf, f"{pad.name}!", volgorde)
    else:
        yield Bestand(str(pad), lambda: open(pad, "rb"))  # noqa: SIM115 (closed by Bestand.open)
