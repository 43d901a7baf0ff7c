"""Import an omgevingsplan: a STOP/TPOD delivery (folder or zip) or IMRO bestemmingsplan GML.

`importeer(pad)` recognises what it gets: a folder or zip with OW files (owBestand) is one STOP/TPOD
delivery; otherwise every IMRO GML file in it is a plan of its own. Each delivery or plan is one
transaction and is fingerprinted (sha256), so a second run skips it and an interrupted folder of plans
resumes where it stopped; `opnieuw` reads it anyway and stores the same result.
"""

import hashlib
import tempfile
import time
from pathlib import Path

from django.db import DatabaseError
from lxml import etree

from kern.importing.pipeline import ImportFout
from kern.importing.sources import naar_map
from kern.models import ImportRun
from toepasbare_regels.omgevingsplan.importing import imro, ow, xml
from toepasbare_regels.omgevingsplan.importing.levering import ImportResultaat, bewaar, eerder_geimporteerd

SOORT_OW = "imow"
SOORT_IMRO = "imro"


def _sha256(pad: Path) -> str:
    digest = hashlib.sha256()
    with open(pad, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _is_ow(map_: Path) -> bool:
    if (map_ / "manifest-ow.xml").exists():
        return True
    for pad in map_.rglob("*.xml"):
        with open(pad, "rb") as fh:
            try:
                if xml.wortel(fh) == "owBestand":
                    return True
            except (ImportFout, etree.XMLSyntaxError):
                continue
    return False


def _mislukt(bron: str, soort: str, sha: str, fout: str, start: float) -> ImportResultaat:
    ImportRun.objects.create(
        soort=soort, bestand=bron[:500], sha256=sha, status=ImportRun.Status.MISLUKT, fout=fout
    )
    return ImportResultaat(bron, "mislukt", fout=fout, seconden=time.monotonic() - start)


def _een(bron: str, soort: str, sha: str, lezen, opnieuw: bool) -> ImportResultaat:
    """Read and store one delivery or plan; any failure leaves nothing behind but an ImportRun."""
    start = time.monotonic()
    if not opnieuw and eerder_geimporteerd(soort, sha):
        return ImportResultaat(bron, "al_geimporteerd")
    try:
        resultaat = bewaar(lezen(), soort, bron, sha)
    except etree.XMLSyntaxError as exc:
        return _mislukt(bron, soort, sha, f"[xml_ongeldig] regel {exc.lineno}: {exc.msg}", start)
    except ImportFout as exc:
        waar = f"regel {exc.regelnummer}: " if exc.regelnummer else ""
        return _mislukt(bron, soort, sha, f"[{exc.code}] {waar}{exc}", start)
    except DatabaseError as exc:
        return _mislukt(bron, soort, sha, f"[database] {str(exc).strip().splitlines()[0]}", start)
    resultaat.seconden = time.monotonic() - start
    return resultaat


def _ow(map_: Path, bron: str, opnieuw: bool, stream) -> ImportResultaat:
    delen = sorted(f"{p.relative_to(map_)}:{_sha256(p)}" for p in map_.rglob("*") if p.is_file())
    sha = hashlib.sha256("\n".join(delen).encode()).hexdigest()

    def voortgang(text: str):
        if stream:
            stream.write(f"    {text}\n")
            stream.flush()

    return _een(bron, SOORT_OW, sha, lambda: ow.lees_levering(map_, voortgang), opnieuw)


def _imro(pad: Path, opnieuw: bool) -> ImportResultaat:
    def lezen():
        with open(pad, "rb") as fh:
            return imro.lees_plan(fh, pad.name)

    return _een(str(pad), SOORT_IMRO, _sha256(pad), lezen, opnieuw)


def _uit_map(map_: Path, bron: str, opnieuw: bool, stream) -> list[ImportResultaat]:
    if _is_ow(map_):
        return [_verslag(_ow(map_, bron, opnieuw, stream), stream)]
    plannen = sorted(p for p in map_.rglob("*.gml") if p.is_file())
    if not plannen:
        raise ImportFout("geen_plan", f"{bron}: geen OW-levering en geen IMRO-GML gevonden")
    return [_verslag(_imro(p, opnieuw), stream) for p in plannen]


def _verslag(resultaat: ImportResultaat, stream) -> ImportResultaat:
    if stream:
        if resultaat.status == "klaar":
            telling = ", ".join(f"{v} {k}" for k, v in resultaat.telling.items() if v)
            stream.write(f"  {resultaat.bron}: {telling} ({resultaat.seconden:.1f} s)\n")
            for bevinding in resultaat.bevindingen[:20]:
                stream.write(f"    {bevinding}\n")
        elif resultaat.status == "al_geimporteerd":
            stream.write(f"  {resultaat.bron}: al geïmporteerd (gebruik --opnieuw om opnieuw te lezen)\n")
        else:
            stream.write(f"  {resultaat.bron}: MISLUKT, niets opgeslagen: {resultaat.fout}\n")
        stream.flush()
    return resultaat


def importeer(pad: Path, *, opnieuw: bool = False, stream=None) -> list[ImportResultaat]:
    """Import a delivery folder, a zip of one, or IMRO GML file(s); one result per delivery or plan."""
    pad = Path(pad)
    if not pad.exists():
        raise FileNotFoundError(f"{pad} bestaat niet")
    if pad.is_dir():
        return _uit_map(pad, str(pad), opnieuw, stream)
    if pad.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="omgevingsplan-") as tmp:
            # What the zip may not unpack (limits, clashing paths) is refused on its own and reported.
            geweigerd = [
                _verslag(_mislukt(f.naam, SOORT_OW, "", f"[{f.code}] {f}", time.monotonic()), stream)
                for f in naar_map(pad, Path(tmp))
            ]
            if geweigerd and not any(Path(tmp).iterdir()):
                return geweigerd
            return geweigerd + _uit_map(Path(tmp), str(pad), opnieuw, stream)
    return [_verslag(_imro(pad, opnieuw), stream)]
