"""A small static map for e-mails: our own basemap (MapServer, the mapfile of kaartlagen.basiskaart)
with the bericht's geometry drawn on top, as one PNG sent inline. Rendered once per bericht."""

import io
import logging
import os
import shutil
import subprocess
from urllib.parse import urlencode

from django.contrib.gis.geos import GEOSGeometry
from PIL import Image, ImageDraw

from kaartlagen.basiskaart import mapfile
from kern.crs import RD_NEW

logger = logging.getLogger(__name__)
BREED, HOOG = 400, 250
MIN_BREEDTE_M = 400.0
KLEUR = (200, 30, 30)


def _kader(geom: GEOSGeometry) -> tuple[float, float, float, float]:
    """The geometry's box with a margin, at least MIN_BREEDTE_M wide, in the image's proportions."""
    minx, miny, maxx, maxy = geom.extent
    breedte = max((maxx - minx) * 1.3, (maxy - miny) * 1.3 * BREED / HOOG, MIN_BREEDTE_M)
    hoogte = breedte * HOOG / BREED
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - breedte / 2, cy - hoogte / 2, cx + breedte / 2, cy + hoogte / 2


def _basiskaart(kader) -> Image.Image | None:
    binary = shutil.which("mapserv")
    if binary is None:
        return None
    # Written every time (it only touches the file when it changed): a mapfile another process left
    # behind may name another database, and mapserv would then draw nothing, without a word.
    kaart, config = mapfile.schrijf()
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
            "WIDTH": BREED,
            "HEIGHT": HOOG,
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


def maak(geom: GEOSGeometry) -> bytes:
    """The PNG for this geometry (RD New). Without MapServer, the shape on a plain background."""
    kader = _kader(geom)
    beeld = _basiskaart(kader) or Image.new("RGB", (BREED, HOOG), (242, 239, 233))
    _teken(beeld, geom, kader)
    uit = io.BytesIO()
    beeld.quantize(colors=64).save(uit, format="PNG", optimize=True)
    return uit.getvalue()
