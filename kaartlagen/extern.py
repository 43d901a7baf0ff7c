"""External map services (WMS/WMTS, e.g. PDOK) read with OWSLib, for registering them as layers."""

import re

from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService

from kern.crs import RD_NEW, WEB_MERCATOR

TIMEOUT = 15
# The tile grids MapProxy knows (kaartlagen.basiskaart.mapproxy) with the scale denominator of their
# first level: a WMTS tile matrix set can be cached only when its levels are exactly these.
GRIDS = {WEB_MERCATOR: ("GLOBAL_WEBMERCATOR", 559082264.0287178), RD_NEW: ("nl_rd", 12288000.0)}


class ExternFout(ValueError):
    pass


def lees_capabilities(url: str, soort: str) -> list[dict]:
    """The layers a WMS or WMTS offers: name, title, styles, CRSs (or tile matrix sets) and formats."""
    try:
        if soort == "wms":
            dienst = WebMapService(url, version="1.3.0", timeout=TIMEOUT)
            formaten = dienst.getOperationByName("GetMap").formatOptions
            return [
                {
                    "naam": naam,
                    "titel": laag.title or naam,
                    "stijlen": sorted(laag.styles),
                    "crs": sorted(laag.crsOptions),
                    "formaten": formaten,
                }
                for naam, laag in dienst.contents.items()
            ]
        dienst = WebMapTileService(url, timeout=TIMEOUT)
        return [
            {
                "naam": naam,
                "titel": laag.title or naam,
                "stijlen": sorted(laag.styles),
                "crs": sorted(laag.tilematrixsetlinks),
                "formaten": laag.formats,
                "bron": tegelbron(dienst, laag),
            }
            for naam, laag in dienst.contents.items()
        ]
    except Exception as exc:  # noqa: BLE001 (OWSLib raises anything from HTTP errors to XML errors)
        raise ExternFout(f"De capabilities van {url} konden niet worden gelezen: {exc}") from None


def _epsg(crs: str) -> int | None:
    """The EPSG code in a WMTS SupportedCRS (urn:ogc:def:crs:EPSG::<code>, EPSG:<code>, …)."""
    m = re.search(r"(\d+)$", crs or "")
    code = int(m.group(1)) if m else None
    return WEB_MERCATOR if code == 900913 else code


def _niveau_sjabloon(identifiers: list[str]) -> str | None:
    """A MapProxy placeholder for the level part of a tile URL: "5", "05" or "EPSG:<code>:5" style."""
    if not identifiers:
        return None
    laatste = re.search(r"(\d+)$", identifiers[0])
    if not laatste:
        return None
    voorvoegsel, breedte = identifiers[0][: laatste.start()], len(laatste.group(1))
    for stijl in ("%(z)s", f"%(z)0{breedte}d"):
        if all(i == voorvoegsel + stijl % {"z": n} for n, i in enumerate(identifiers)):
            return voorvoegsel.replace("%", "%%") + stijl
    return None


def tegelbron(dienst, laag) -> dict | None:
    """How MapProxy can fetch this WMTS layer's tiles: a URL template with %(z)s/%(x)s/%(y)s and one of
    our grids; None when the service offers no REST template or no tile matrix set that fits."""
    sjablonen = [r for r in laag.resourceURLs if r.get("resourceType") == "tile"]
    # Web Mercator first: Leaflet then gets the service's own tiles; RD is derived from them.
    sets = sorted(
        laag.tilematrixsetlinks,
        key=lambda n: _epsg(getattr(dienst.tilematrixsets.get(n), "crs", "")) != WEB_MERCATOR,
    )
    for set_naam in sets:
        matrixset = dienst.tilematrixsets.get(set_naam)
        if matrixset is None or _epsg(matrixset.crs) not in GRIDS:
            continue
        grid, schaal = GRIDS[_epsg(matrixset.crs)]
        matrices = list(matrixset.tilematrix.values())
        if not matrices or abs(matrices[0].scaledenominator - schaal) > schaal * 0.001:
            continue
        niveau = _niveau_sjabloon([m.identifier for m in matrices])
        for sjabloon in sjablonen:
            if niveau is None:
                break
            stijl = next(iter(laag.styles), "default")
            url = (
                sjabloon["template"]
                .replace("%", "%%")
                .replace("{TileMatrixSet}", set_naam)
                .replace("{Style}", stijl)
                .replace("{TileMatrix}", niveau)
                .replace("{TileCol}", "%(x)s")
                .replace("{TileRow}", "%(y)s")
            )
            if "{" not in url:
                return {"url": url, "grid": grid, "formaat": sjabloon.get("format", "image/png")}
    return None
