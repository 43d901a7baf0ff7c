"""Small static maps for e-mails: our own basemap (MapServer, on the mapfile the release built for
MapProxy: `kaartlagen.basiskaart.mapfile.gebouwd`) with berichten drawn on top, as one PNG sent inline.

- A bericht's map (`maak`): rendered once per bericht.
- A digest's map (`Overzichtkaarten`): the subscriber's area with its berichten numbered as in the
  mail. 100 000 digests cannot each have a map of their own (and MapServer takes ~0.3–1 s a call), so
  the frame is snapped to a grid (a ladder of widths, steps of half a frame): neighbours with the same
  berichten share one image, and the basemap is drawn in large blocks that the frames are cut from."""

import io
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.gis.geos import GEOSGeometry, Polygon
from PIL import Image, ImageDraw

from kaartlagen.basiskaart import mapfile
from kern.crs import RD_NEW

logger = logging.getLogger(__name__)
BREED, HOOG = 400, 250
MIN_BREEDTE_M = 400.0
KLEUR = (200, 30, 30)
ACHTERGROND = (242, 239, 233)  # without MapServer


def _kader(geom: GEOSGeometry) -> tuple[float, float, float, float]:
    """The geometry's box with a margin, at least MIN_BREEDTE_M wide, in the image's proportions."""
    minx, miny, maxx, maxy = geom.extent
    breedte = max((maxx - minx) * 1.3, (maxy - miny) * 1.3 * BREED / HOOG, MIN_BREEDTE_M)
    hoogte = breedte * HOOG / BREED
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - breedte / 2, cy - hoogte / 2, cx + breedte / 2, cy + hoogte / 2


def _tekenaar() -> tuple[str, Path, Path] | None:
    """mapserv and the basemap the release built on this machine (the mapfile MapProxy draws from), or
    None: then the maps show the shapes on a plain background, as without MapServer."""
    binary = shutil.which("mapserv")
    if binary is None:
        return None
    bestanden = mapfile.gebouwd()
    if bestanden is None:
        logger.warning(
            "kaartbeeld: de basiskaart is niet gebouwd (manage.py bouw_basiskaart); kaartje zonder ondergrond"
        )
        return None
    return binary, *bestanden


def _basiskaart(kader, breed: int = BREED, hoog: int = HOOG) -> Image.Image | None:
    tekenaar = _tekenaar()
    return _mapserv(*tekenaar, kader, breed, hoog) if tekenaar else None


def _mapserv(binary: str, kaart, config, kader, breed: int, hoog: int) -> Image.Image | None:
    """One GetMap from our mapfile; no database or Django here, so a thread can wait for it."""
    query = urlencode(
        {
            "map": str(kaart),
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetMap",
            "LAYERS": mapfile.LAAG,
            "STYLES": "",
            "CRS": f"EPSG:{RD_NEW}",
            "BBOX": ",".join(f"{v:.2f}" for v in kader),
            "WIDTH": breed,
            "HEIGHT": hoog,
            "FORMAT": "image/png",
        }
    )
    env = {**os.environ, "MAPSERVER_CONFIG_FILE": str(config)}
    try:
        uit = subprocess.run(  # noqa: S603 - our own binary, arguments without a shell
            [binary, "-nh", f"QUERY_STRING={query}"], capture_output=True, timeout=30, env=env, check=True
        ).stdout
        return Image.open(io.BytesIO(uit)).convert("RGB")
    except (subprocess.SubprocessError, OSError):
        logger.warning("kaartbeeld: de basiskaart gaf geen beeld")
        return None


def _teken(beeld: Image.Image, geom: GEOSGeometry, kader) -> None:
    minx, miny, maxx, maxy = kader
    sx, sy = BREED / (maxx - minx), HOOG / (maxy - miny)

    def px(coords):
        return [((x - minx) * sx, (maxy - y) * sy) for x, y in coords]

    pen = ImageDraw.Draw(beeld)
    delen = (
        list(geom) if geom.geom_type.startswith("Multi") or geom.geom_type == "GeometryCollection" else [geom]
    )
    for deel in delen:
        if deel.geom_type == "Point":
            x, y = px([deel.coords])[0]
            pen.ellipse([x - 7, y - 7, x + 7, y + 7], outline=KLEUR, width=4)
        elif deel.geom_type == "LineString":
            pen.line(px(deel.coords), fill=KLEUR, width=5)
        elif deel.geom_type == "Polygon":
            pen.line(px(deel.exterior_ring.coords), fill=KLEUR, width=4)


def _png(beeld: Image.Image) -> bytes:
    # 64 colours by fast octree and no extra PNG optimisation: 2.5 ms instead of 12 ms an image, for
    # the same size within a few per cent (thousands of digest maps per run).
    uit = io.BytesIO()
    beeld.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(uit, format="PNG")
    return uit.getvalue()


def maak(geom: GEOSGeometry) -> bytes:
    """The PNG for this geometry (RD New). Without MapServer, the shape on a plain background."""
    kader = _kader(geom)
    beeld = _basiskaart(kader) or Image.new("RGB", (BREED, HOOG), ACHTERGROND)
    _teken(beeld, geom, kader)
    return _png(beeld)


# Digest maps. Frame widths in metres (a 100 m circle still shows as a street); a frame steps half its
# width and height, so it is 2 × 2 grid cells. A basemap block is BLOK + 2 cells square: every frame
# lies in exactly one block, so a run draws its frames block by block with one block in memory.
LADDER = [800 * 2**k for k in range(8)]
CELLEN = 2
BLOK = 16
Plek = tuple[int, int, int]  # (rung of the ladder, first cell x, first cell y)


def raster(omvang: tuple[float, float, float, float]) -> Plek:
    """The snapped frame that holds this extent (RD New). Snapping moves the centre by at most half a
    step, so the frame is at least twice the extent."""
    minx, miny, maxx, maxy = omvang
    trede = next(
        (
            t
            for t, b in enumerate(LADDER)
            if maxx - minx <= b / CELLEN and maxy - miny <= b * HOOG / BREED / CELLEN
        ),
        len(LADDER) - 1,
    )
    stap_x, stap_y = _stap(trede)
    return (
        trede,
        round((minx + maxx) / 2 / stap_x - CELLEN / 2),
        round((miny + maxy) / 2 / stap_y - CELLEN / 2),
    )


def _stap(trede: int) -> tuple[float, float]:
    return LADDER[trede] / CELLEN, LADDER[trede] * HOOG / BREED / CELLEN


def blok_van(plek: Plek) -> Plek:
    trede, cx, cy = plek
    return trede, cx // BLOK, cy // BLOK


# Basemap blocks MapServer draws ahead, each in a thread of its own waiting for its process, while
# this process cuts and draws the frames of the current block: MapServer and Python on both cores.
VOORUIT = 2


def _blokkader(sleutel: Plek) -> tuple[tuple[float, float, float, float], int, int]:
    """A basemap block's box (RD New) and its size in pixels."""
    trede, bx, by = sleutel
    sx, sy = _stap(trede)
    cellen = BLOK + CELLEN
    kader = (bx * BLOK * sx, by * BLOK * sy, (bx * BLOK + cellen) * sx, (by * BLOK + cellen) * sy)
    return kader, cellen * BREED // CELLEN, cellen * HOOG // CELLEN


class Overzichtkaarten:
    """Draws digest maps; keeps the last basemap block (render frames sorted by `blok_van`)."""

    def __init__(self):
        self.blok: tuple[Plek, Image.Image] | None = None

    @cached_property
    def tekenaar(self) -> tuple[str, Path, Path] | None:
        return _tekenaar()  # once per run: one warning, not one per block, when there is no basemap

    def _zet_blok(self, sleutel: Plek, beeld: Image.Image | None) -> None:
        _, breed, hoog = _blokkader(sleutel)
        self.blok = (sleutel, beeld or Image.new("RGB", (breed, hoog), ACHTERGROND))

    def _blok(self, sleutel: Plek) -> Image.Image:
        if self.blok is None or self.blok[0] != sleutel:
            self._zet_blok(sleutel, _mapserv(*self.tekenaar, *_blokkader(sleutel)) if self.tekenaar else None)
        return self.blok[1]

    def maak_alle(self, opdrachten: list[tuple[Plek, list[GEOSGeometry]]]) -> Iterator[bytes]:
        """`maak` for each (frame, geometries), in this order (sorted by `blok_van`), with the next
        VOORUIT basemap blocks drawn by MapServer meanwhile."""
        blokken = list(dict.fromkeys(blok_van(plek) for plek, _ in opdrachten))
        tekenaar = self.tekenaar if blokken else None
        with ThreadPoolExecutor(max_workers=VOORUIT) as pool:
            wachtend = {}

            def vraag_volgende():
                if tekenaar and len(wachtend) < VOORUIT and blokken:
                    sleutel = blokken.pop(0)
                    wachtend[sleutel] = pool.submit(_mapserv, *tekenaar, *_blokkader(sleutel))

            for _ in range(VOORUIT):
                vraag_volgende()
            for plek, geoms in opdrachten:
                sleutel = blok_van(plek)
                if sleutel in wachtend and (self.blok is None or self.blok[0] != sleutel):
                    self._zet_blok(sleutel, wachtend.pop(sleutel).result())
                    vraag_volgende()
                yield self.maak(plek, geoms)

    def maak(self, plek: Plek, geoms: list[GEOSGeometry]) -> bytes:
        """The PNG of this frame with these geometries drawn and numbered 1, 2, … in this order."""
        trede, cx, cy = plek
        _, bx, by = blok_van(plek)
        links = (cx - bx * BLOK) * BREED // CELLEN
        boven = ((by * BLOK + BLOK + CELLEN) - (cy + CELLEN)) * HOOG // CELLEN
        beeld = self._blok(blok_van(plek)).crop((links, boven, links + BREED, boven + HOOG))
        sx, sy = _stap(trede)
        kader = (cx * sx, cy * sy, (cx + CELLEN) * sx, (cy + CELLEN) * sy)
        vlak = Polygon.from_bbox(kader)
        vlak.srid = RD_NEW
        pen = ImageDraw.Draw(beeld)
        for nummer, geom in enumerate(geoms, 1):
            _teken(beeld, geom, kader)
            binnen = geom.intersection(vlak)
            if not binnen.empty:
                x, y = binnen.point_on_surface.coords
                x = (x - kader[0]) * BREED / (kader[2] - kader[0])
                y = (kader[3] - y) * HOOG / (kader[3] - kader[1])
                pen.ellipse([x - 9, y - 9, x + 9, y + 9], fill=(255, 255, 255), outline=KLEUR, width=2)
                pen.text((x, y), str(nummer), fill=(0, 0, 0), anchor="mm")
        return _png(beeld)
