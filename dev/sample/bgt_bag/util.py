"""Small helpers shared by the writers: identifiers, timestamps, RD to WGS84, zip and text streaming."""

from __future__ import annotations

import math
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from . import names

SQ = math.sqrt(0.5)


def bag_id(kind: str, serial: int) -> str:
    return f"{names.GEMEENTE_CODE}{names.TYPE_CODE[kind]}{serial:010d}"


class Serials:
    """One counter for all BAG object types, as a municipality's BAG system numbers objects.

    Real extracts show pand 0221100000312938 next to VBO 0221010000330226 and NUM 0221200000330227:
    the serial part comes from one sequence with gaps, which importers must not assume away.
    """

    def __init__(self, rng, start: int = 10_000):
        self.rng = rng
        self.value = start

    def next(self, kind: str) -> str:
        self.value += 1 if self.rng.random() < 0.8 else self.rng.randint(2, 9)
        return bag_id(kind, self.value)


def rng_uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def lokaal_id(rng) -> str:
    return f"{names.BGT_BRONHOUDER}.{rng.getrandbits(128):032x}"


def bgt_gml_id(rng) -> str:
    # PDOK writes 'b' followed by a UUID as gml:id of every feature.
    return f"b{rng_uuid(rng)}"


# --- time -------------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def amsterdam_epoch(local: datetime) -> int:
    """Unix seconds of a Europe/Amsterdam wall-clock time.

    Kadaster builds the gml:id of BAG geometries from tijdstipRegistratieLV as epoch seconds
    (PND_0221100000312938_1_1292409078 for 2010-12-15T11:31:18.501). The EU summer-time rule is coded
    here so the output does not depend on the tz database installed on the machine.
    """
    y = local.year
    start = datetime.combine(_last_sunday(y, 3), datetime.min.time()).replace(hour=2)
    end = datetime.combine(_last_sunday(y, 10), datetime.min.time()).replace(hour=3)
    offset = 2 if start <= local < end else 1
    utc = (local - timedelta(hours=offset)).replace(tzinfo=UTC)
    return int(utc.timestamp())


def ts_ms(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}"


def ts_s(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def office_time(rng, d: date, minutes_from: int = 8 * 60, minutes_to: int = 17 * 60) -> datetime:
    m = rng.randint(minutes_from, minutes_to)
    return datetime(d.year, d.month, d.day, m // 60, m % 60, rng.randint(0, 59))


def lerp_date(a: date, b: date, f: float) -> date:
    return a + timedelta(days=int((b - a).days * min(max(f, 0.0), 1.0)))


# --- geometry ---------------------------------------------------------------------------------------


def r3(v: float) -> float:
    # Every coordinate lives on a millimetre grid so shared edges of neighbouring objects stay identical.
    return round(v + 0.0, 3) + 0.0


def signed_area(ring) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def orient(ring, ccw: bool = True):
    ring = list(ring)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def rect(x0: float, y0: float, x1: float, y1: float):
    x0, y0, x1, y1 = r3(x0), r3(y0), r3(x1), r3(y1)
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def arc(cx: float, cy: float, r: float, a0: float, a1: float):
    """Three-point arc from angle a0 to a1 (degrees) as gml:Arc wants it: start, middle, end."""
    pts = []
    for a in (a0, (a0 + a1) / 2, a1):
        t = math.radians(a)
        pts.append((r3(cx + r * math.cos(t)), r3(cy + r * math.sin(t))))
    return pts


# --- output streaming -------------------------------------------------------------------------------


class TextSink:
    """Buffers str pieces and writes UTF-8 bytes in ~1 MB chunks to a binary stream."""

    def __init__(self, stream, limit: int = 1 << 20):
        self.stream, self.limit, self.parts, self.size = stream, limit, [], 0

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.stream.write("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0


def zip_info(name: str, stamp: datetime, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    # Fixed timestamp, system and permissions: the archive bytes depend only on the arguments.
    zi = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    zi.compress_type = compress
    zi.create_system = 3
    zi.external_attr = 0o644 << 16
    return zi


def zip_add_file(zf: zipfile.ZipFile, path: Path, name: str, stamp: datetime, compress: int) -> None:
    with open(path, "rb") as src, zf.open(zip_info(name, stamp, compress), "w", force_zip64=True) as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
