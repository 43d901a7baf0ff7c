"""External map services (WMS/WMTS, e.g. PDOK) read with OWSLib, for registering them as layers."""

from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService

TIMEOUT = 15


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
            }
            for naam, laag in dienst.contents.items()
        ]
    except Exception as exc:  # noqa: BLE001 (OWSLib raises anything from HTTP errors to XML errors)
        raise ExternFout(f"De capabilities van {url} konden niet worden gelezen: {exc}") from None
