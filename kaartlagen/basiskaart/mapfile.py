"""The basemap: MapServer draws our BGT from PostGIS; this module writes its mapfile and config.

Colours follow the BGT standaardvisualisatie in spirit (grey roads, green vegetation, blue water,
light-brown buildings); they are ours to tune, not a copy of PDOK's style files.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings

from kern import gemeente
from kern.crs import RD_NEW, WEB_MERCATOR, WGS84

# (objecttype, fill colour, outline colour, per-functie fills) in drawing order: ground first.
BGT_STIJL = [
    ("onbegroeidterreindeel", "246 241 231", None, {}),
    ("begroeidterreindeel", "200 226 180", None, {}),
    ("ondersteunendwegdeel", "207 227 184", None, {}),
    ("waterdeel", "181 208 232", "140 170 200", {}),
    ("wegdeel", "230 230 230", "200 200 200", {"fietspad": "236 205 205", "voetpad": "242 242 242"}),
    ("pand", "214 202 190", "160 140 128", {}),
    ("scheiding", None, "110 110 110", {}),
]
LAAG = "bgt"


def map_dir() -> Path:
    return Path(settings.BASISKAART_DIR)


def _connectie() -> str:
    db = settings.DATABASES["default"]
    delen = {
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "dbname": db["NAME"],
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
    }
    return " ".join(f"{k}={v}" for k, v in delen.items() if v)


def _class(naam: str, fill: str | None, lijn: str | None, expressie: str | None = None) -> str:
    stijl = []
    if fill:
        stijl.append(f"STYLE COLOR {fill} END")
    if lijn:
        stijl.append(f"STYLE OUTLINECOLOR {lijn} WIDTH 1 END")
    expr = f'EXPRESSION ("[functie]" = "{expressie}")' if expressie else ""
    return f'CLASS NAME "{naam}" {expr} {" ".join(stijl)} END'


def _laag(objecttype: str, fill, lijn, per_functie: dict) -> str:
    soort = "LINE" if fill is None else "POLYGON"
    classes = [_class(f"{objecttype} {f}", kleur, lijn, f) for f, kleur in per_functie.items()]
    classes.append(_class(objecttype, fill, lijn))
    sql = (
        f"geom FROM (SELECT id, geom, functie FROM kaartlagen_bgtobject WHERE objecttype = '{objecttype}') AS t "
        f"USING UNIQUE id USING SRID={RD_NEW}"
    )
    return f"""
  LAYER
    NAME "{objecttype}"
    GROUP "{LAAG}"
    TYPE {soort}
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "{_connectie()}"
    DATA "{sql}"
    PROJECTION "init=epsg:{RD_NEW}" END
    METADATA "wms_title" "{objecttype}" END
    {" ".join(classes)}
  END"""


def _paden() -> tuple[Path, Path]:
    return map_dir() / "basiskaart.map", map_dir() / "mapserver.conf"


def gebouwd() -> tuple[Path, Path] | None:
    """The mapfile and MapServer config this machine's release wrote (`bouw_basiskaart`, kept at the
    newest release by its follower), or None while there are none. What MapProxy draws from is what
    other readers (the maps in e-mails) draw from too; they never write their own."""
    mapfile, config = _paden()
    return (mapfile, config) if mapfile.exists() and config.exists() else None


def schrijf() -> tuple[Path, Path]:
    """Write the mapfile and MapServer 8's config file (which it needs to run at all); return both."""
    map_dir().mkdir(parents=True, exist_ok=True)
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    mapfile, config = _paden()
    # The mapfile holds the database connection (and a password, if any): for our eyes only.
    schrijf_atomair(
        mapfile,
        f"""MAP
  NAME "basiskaart"
  EXTENT {minx} {miny} {maxx} {maxy}
  SIZE 256 256
  UNITS METERS
  IMAGECOLOR 255 255 255
  PROJECTION "init=epsg:{RD_NEW}" END
  WEB
    METADATA
      "wms_title" "Basiskaart {gemeente.huidige().naam} (BGT)"
      "wms_srs" "EPSG:{RD_NEW} EPSG:{WEB_MERCATOR} EPSG:{WGS84}"
      "wms_enable_request" "GetMap GetCapabilities"
    END
  END
{"".join(_laag(*stijl) for stijl in BGT_STIJL)}
END
""",
        modus=0o600,
    )
    schrijf_atomair(
        config,
        f"""CONFIG
  ENV
    MS_MAP_PATTERN "^{map_dir()}/.*\\.map$"
  END
END
""",
    )
    return mapfile, config


def schrijf_atomair(pad: Path, tekst: str, modus: int = 0o644) -> bool:
    """Put `tekst` in `pad` in one step, and only when it changed. Several web processes and threads
    write these files at a cold start; a reader (mapserv, MapProxy) sees the old or the new file,
    never a half-written one. Returns whether the file changed (a changed file reloads MapProxy)."""
    try:
        if pad.read_text() == tekst:
            return False
    except FileNotFoundError:
        pass
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.")
    try:
        with os.fdopen(fd, "w") as uit:
            uit.write(tekst)
        os.chmod(tijdelijk, modus)
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
    return True
