"""The basemap: MapServer draws the BGT, MapProxy caches and serves it; read back with OWSLib."""

import io

import pytest
from PIL import Image

from kaartlagen.basiskaart.mapproxy import NL_RD
from kaartlagen.importing.bgt import importeer_bgt
from kaartlagen.tegels import tegel_index
from kern.crs import RD_NEW

pytestmark = pytest.mark.django_db(transaction=True)
MIDDEN = (113_300, 553_300)  # in the sample's town centre


@pytest.fixture
def basiskaart(sample_dir, portaal_server):
    """The portal on a real socket with the sample's BGT loaded."""
    assert importeer_bgt(next(sample_dir.glob("bgt_*.zip"))).ok
    return f"{portaal_server}/basiskaart"


def kleuren(png: bytes) -> int:
    return len(Image.open(io.BytesIO(png)).convert("RGBA").getcolors(maxcolors=1 << 16) or [])


def test_wms_and_wmts_capabilities_and_tiles_in_both_grids(basiskaart):
    from owslib.wms import WebMapService
    from owslib.wmts import WebMapTileService

    wms = WebMapService(f"{basiskaart}/service", version="1.3.0")
    # The layer and its title come from the layer registry.
    assert wms.contents["basiskaart"].title == "Basiskaart (BGT)"
    assert f"EPSG:{RD_NEW}" in wms.contents["basiskaart"].crsOptions
    x, y = MIDDEN
    kaart = wms.getmap(
        layers=["basiskaart"],
        srs=f"EPSG:{RD_NEW}",
        bbox=(x - 100, y - 100, x + 100, y + 100),
        size=(256, 256),
        format="image/png",
    )
    assert kleuren(kaart.read()) > 3

    wmts = WebMapTileService(f"{basiskaart}/wmts/1.0.0/WMTSCapabilities.xml")
    assert {"nl_rd", "GLOBAL_WEBMERCATOR"} <= set(wmts.tilematrixsets)
    kolom, rij = tegel_index(x, y, 17)
    tegel = wmts.gettile(
        layer="basiskaart",
        tilematrixset="GLOBAL_WEBMERCATOR",
        tilematrix="17",
        row=rij,
        column=kolom,
        format="image/png",
    )
    assert kleuren(tegel.read()) > 3

    # The Dutch RD tiling scheme, as PDOK serves it (level 12: 0.84 m per pixel).
    res = NL_RD["res"][12]
    kolom, rij = int((x - NL_RD["bbox"][0]) / (256 * res)), int((NL_RD["bbox"][3] - y) / (256 * res))
    tegel = wmts.gettile(
        layer="basiskaart", tilematrixset="nl_rd", tilematrix="12", row=rij, column=kolom, format="image/png"
    )
    assert kleuren(tegel.read()) > 3


def test_xyz_tiles_for_leaflet_and_an_empty_area(basiskaart):
    import urllib.request

    x, y = tegel_index(*MIDDEN, 16)
    with urllib.request.urlopen(f"{basiskaart}/tiles/basiskaart/GLOBAL_WEBMERCATOR/16/{x}/{y}.png") as r:
        assert r.headers["Content-Type"] == "image/png" and kleuren(r.read()) > 3
    # Far out at sea, outside the coverage: a plain tile, not an error.
    with urllib.request.urlopen(
        f"{basiskaart}/tiles/basiskaart/GLOBAL_WEBMERCATOR/16/{x - 200}/{y}.png"
    ) as r:
        assert r.status == 200 and kleuren(r.read()) <= 1


EXTERN = {
    "wms": "/basiskaart/service?SERVICE=WMS&REQUEST=GetCapabilities",
    "wmts": "/basiskaart/wmts/1.0.0/WMTSCapabilities.xml",
}


@pytest.mark.parametrize("soort", list(EXTERN))
def test_external_layer_registered_by_capabilities_and_cached_through_mapproxy(soort, sample_dir, portalen):
    import urllib.request

    from django.core.exceptions import ValidationError

    from kaartlagen.models import Kaartlaag

    assert importeer_bgt(next(sample_dir.glob("bgt_*.zip"))).ok
    pdok = portalen()  # our own MapProxy stands in for PDOK: no test leaves 127.0.0.1
    laag = Kaartlaag(
        naam=f"extern-{soort}",
        titel="Externe kaart",
        groep="Ondergrond",
        soort=soort,
        capabilities_url=pdok + EXTERN[soort],
        externe_laag="basiskaart",
    )
    laag.full_clean()
    [aangeboden] = [c for c in laag.capabilities if c["naam"] == "basiskaart"]
    assert "image/png" in aangeboden["formaten"]
    assert ({f"EPSG:{RD_NEW}"} if soort == "wms" else {"GLOBAL_WEBMERCATOR", "nl_rd"}) <= set(
        aangeboden["crs"]
    )
    laag.save()

    portaal = portalen()  # builds its MapProxy configuration from the registry, now with the external layer
    x, y = tegel_index(*MIDDEN, 16)
    with urllib.request.urlopen(
        f"{portaal}/basiskaart/tiles/{laag.naam}/GLOBAL_WEBMERCATOR/16/{x}/{y}.png"
    ) as r:
        assert kleuren(r.read()) > 3
    # RD clients get the layer too (for a WMTS source: reprojected from its Web Mercator tiles).
    res = NL_RD["res"][12]
    kolom = int((MIDDEN[0] - NL_RD["bbox"][0]) / (256 * res))
    rij = int((NL_RD["bbox"][3] - MIDDEN[1]) / (256 * res))
    with urllib.request.urlopen(f"{portaal}/basiskaart/tiles/{laag.naam}/nl_rd/12/{kolom}/{rij}.png") as r:
        assert kleuren(r.read()) > 3

    fout = Kaartlaag(
        naam=f"fout-{soort}",
        titel="Fout",
        groep="x",
        soort=soort,
        capabilities_url=laag.capabilities_url,
        externe_laag="bestaatniet",
    )
    with pytest.raises(ValidationError, match="geen laag 'bestaatniet'"):
        fout.full_clean()


@pytest.mark.parametrize(
    "identifiers, sjabloon",
    [
        (["0", "1", "2"], "%(z)s"),
        (["00", "01", "02"], "%(z)02d"),
        (["EPSG:3857:0", "EPSG:3857:1"], "EPSG:3857:%(z)s"),
        (["a", "b"], None),
        (["1", "2"], None),  # levels must start at 0, like our grids
    ],
)
def test_wmts_tile_matrix_names_become_a_mapproxy_level_placeholder(identifiers, sjabloon):
    from kaartlagen.extern import _niveau_sjabloon

    assert _niveau_sjabloon(identifiers) == sjabloon
