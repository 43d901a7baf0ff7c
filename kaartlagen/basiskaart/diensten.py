"""The basemap's public endpoints as full URLs, for its landing page and the open-data catalogue.

MapProxy serves them under PAD (`config/wsgi.py`); the layers are the registry's rows of soort
basiskaart, so a layer added in the admin gets its endpoints here too.
"""

from dataclasses import dataclass

from kaartlagen.basiskaart.mapproxy import PAD
from kaartlagen.models import Kaartlaag
from kern.crs import RD_NEW, WEB_MERCATOR

GRIDS = {
    "GLOBAL_WEBMERCATOR": f"Web Mercator (EPSG:{WEB_MERCATOR}), voor webkaarten",
    "nl_rd": f"RD New (EPSG:{RD_NEW}), als PDOK",
}


@dataclass(frozen=True)
class Eindpunt:
    sleutel: str  # a stable id, also the HTML id of its copy field
    titel: str
    url: str
    uitleg: str
    formaat: str  # WMS, WMTS, XYZ, TMS: what a GIS program asks for
    media_type: str
    bestandstype: str | None  # in the EU file-type list (the open-data catalogue); None: not listed


def lagen():
    return Kaartlaag.objects.filter(soort=Kaartlaag.Soort.BASISKAART).order_by("volgorde", "naam")


def diensten(basis: str) -> list[Eindpunt]:
    """The capabilities documents, which list every layer: `basis` is the site's absolute root URL."""
    root = basis.rstrip("/") + PAD
    return [
        Eindpunt(
            "wms",
            "WMS 1.3.0 (capabilities)",
            f"{root}/service?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0",
            "Voor GIS-programma's zoals QGIS en ArcGIS: voeg een WMS-laag toe met dit adres.",
            "WMS",
            "application/xml",
            "WMS_SRVC",
        ),
        Eindpunt(
            "wmts",
            "WMTS 1.0.0 (capabilities)",
            f"{root}/wmts/1.0.0/WMTSCapabilities.xml",
            "Kant-en-klare tegels, sneller dan WMS. In RD (zoals PDOK) en in Web Mercator.",
            "WMTS",
            "application/xml",
            "WMTS_SRVC",
        ),
        Eindpunt(
            "tms",
            "TMS 1.0.0",
            f"{root}/tms/1.0.0/",
            "Voor programma's die alleen TMS kennen. Let op: TMS telt de rijen van zuid naar noord.",
            "TMS",
            "application/xml",
            None,
        ),
    ]


def tegels(basis: str, laag: Kaartlaag) -> list[Eindpunt]:
    """Per layer: the tile URL templates for XYZ clients (Leaflet, OpenLayers) and for WMTS REST."""
    root = basis.rstrip("/") + PAD
    return [
        Eindpunt(
            f"xyz-{laag.naam}",
            f"{laag.titel}: XYZ-tegels (Leaflet, OpenLayers)",
            f"{root}/tiles/{laag.naam}/GLOBAL_WEBMERCATOR/{{z}}/{{x}}/{{y}}.png",
            "Een sjabloon: het programma vult zoomniveau {z}, kolom {x} en rij {y} zelf in.",
            "XYZ",
            "image/png",
            "PNG",
        ),
        *(
            Eindpunt(
                f"wmts-{laag.naam}-{grid}",
                f"{laag.titel}: WMTS-tegels in {uitleg}",
                f"{root}/wmts/{laag.naam}/{grid}/{{TileMatrix}}/{{TileCol}}/{{TileRow}}.png",
                "WMTS REST-sjabloon; de tegelsets staan in de WMTS-capabilities.",
                "WMTS",
                "image/png",
                "PNG",
            )
            for grid, uitleg in GRIDS.items()
        ),
    ]
