"""MapProxy in front of MapServer: caches the basemap and serves it as WMS, WMTS and XYZ tiles, in the
Dutch RD tiling scheme (as PDOK uses) and in Web Mercator for Leaflet. Mounted at /basiskaart/."""

import os
import shutil
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml
from django.conf import settings
from django.db import transaction

from kaartlagen.basiskaart import mapfile
from kaartlagen.models import Kaartlaag
from kern.crs import RD_NEW, WEB_MERCATOR, WGS84

PAD = "/basiskaart"
# The Dutch tiling scheme (Geonovum/PDOK): RD New, 15 levels halving from 3440.64 m per pixel.
NL_RD = {
    "srs": f"EPSG:{RD_NEW}",
    "bbox": [-285401.92, 22598.08, 595401.92, 903401.92],
    "bbox_srs": f"EPSG:{RD_NEW}",
    "origin": "ul",
    "res": [3440.64 / 2**i for i in range(16)],
}


def _basis_url(url: str) -> str:
    """A capabilities URL without its request parameters: what MapProxy's wms source wants."""
    deel = urlsplit(url)
    houden = [(k, v) for k, v in parse_qsl(deel.query) if k.lower() not in {"service", "request", "version"}]
    return urlunsplit((deel.scheme, deel.netloc, deel.path, urlencode(houden), ""))


def configuratie() -> dict:
    kaart, _ = mapfile.schrijf()
    cache = mapfile.map_dir() / "cache"
    grids = ["nl_rd", "GLOBAL_WEBMERCATOR"]
    layers, caches = [], {}
    sources = {
        "basiskaart_ms": {
            "type": "mapserver",
            "req": {"map": str(kaart), "layers": mapfile.LAAG, "transparent": False},
            "coverage": {"bbox": list(settings.GEMEENTE_BBOX_RD), "srs": f"EPSG:{RD_NEW}"},
        }
    }
    # Everything comes from the registry: the basemap rows share the BGT cache, every external WMS or
    # WMTS layer gets a source and a cache of its own.
    for laag in Kaartlaag.objects.exclude(soort=Kaartlaag.Soort.VECTOR):
        if laag.soort == Kaartlaag.Soort.BASISKAART:
            layers.append({"name": laag.naam, "title": laag.titel, "sources": ["basiskaart_cache"]})
            continue
        if laag.soort == Kaartlaag.Soort.EXTERN_WMTS:
            bron = laag.externe_bron
            if bron is None:
                continue
            sources[f"extern_{laag.naam}"] = {
                "type": "tile",
                "url": bron["url"],
                "grid": bron["grid"],
                "transparent": True,
            }
        else:
            sources[f"extern_{laag.naam}"] = {
                "type": "wms",
                "req": {
                    "url": _basis_url(laag.capabilities_url),
                    "layers": laag.externe_laag,
                    "transparent": True,
                },
            }
        eigen_grids = grids
        if laag.soort == Kaartlaag.Soort.EXTERN_WMTS:
            # A tile source fills only a cache in its own grid; the other grid is reprojected from it.
            eigen_grids = [laag.externe_bron["grid"]]
            caches[f"extern_{laag.naam}_cache_anders"] = {
                "grids": [g for g in grids if g not in eigen_grids],
                "sources": [f"extern_{laag.naam}_cache"],
                "cache": {"type": "file", "directory_layout": "tc"},
            }
        caches[f"extern_{laag.naam}_cache"] = {
            "grids": eigen_grids,
            "sources": [f"extern_{laag.naam}"],
            "cache": {"type": "file", "directory_layout": "tc"},
        }
        layer = {"name": laag.naam, "title": laag.titel, "sources": [f"extern_{laag.naam}_cache"]}
        if eigen_grids != grids:
            # Tile services take one cache per grid; WMS uses the first.
            layer["tile_sources"] = [f"extern_{laag.naam}_cache", f"extern_{laag.naam}_cache_anders"]
        layers.append(layer)
    caches["basiskaart_cache"] = {
        "grids": grids,
        "sources": ["basiskaart_ms"],
        "cache": {"type": "file", "directory_layout": "tc"},
    }
    return {
        "services": {
            "wms": {
                "srs": [f"EPSG:{RD_NEW}", f"EPSG:{WEB_MERCATOR}", f"EPSG:{WGS84}"],
                "md": {"title": "Basiskaart"},
            },
            "wmts": {"restful": True, "kvp": True},
            "tms": {"use_grid_names": True, "origin": "nw"},
        },
        "layers": layers,
        "caches": caches,
        "sources": sources,
        "grids": {"nl_rd": NL_RD},
        "globals": {
            "mapserver": {
                "binary": shutil.which("mapserv") or "/usr/bin/mapserv",
                "working_dir": str(mapfile.map_dir()),
            },
            "cache": {"base_dir": str(cache), "lock_dir": str(cache / "locks")},
        },
    }


def schrijf_configuratie():
    """Write mapproxy.yaml (and the mapfile) atomically; a running MapProxy reloads when it changed."""
    config = configuratie()
    pad = mapfile.map_dir() / "mapproxy.yaml"
    mapfile.schrijf_atomair(pad, yaml.safe_dump(config, sort_keys=False))
    return pad


def maak_app():
    """The MapProxy WSGI app. It watches its configuration file and reloads itself when that changes
    (a kaartlaag added or changed, `seed_basiskaart`), so web processes need no restart.
    MapServer 8 refuses to run without MAPSERVER_CONFIG_FILE, and MapProxy hands its own environment
    to each mapserv it starts, so the variable is set here."""
    from mapproxy.wsgiapp import make_wsgi_app

    pad = schrijf_configuratie()
    os.environ["MAPSERVER_CONFIG_FILE"] = str(mapfile.map_dir() / "mapserver.conf")
    return make_wsgi_app(str(pad), reloader=True)


def na_wijziging_kaartlaag(sender, instance, **kwargs):
    """A basemap or external layer was saved or deleted: rewrite the configuration once the change is
    committed (every process's MapProxy then reloads on its next request). Vector layers are not
    MapProxy's; without a configuration yet, the first request writes it."""
    if instance.soort == Kaartlaag.Soort.VECTOR or not (mapfile.map_dir() / "mapproxy.yaml").exists():
        return
    transaction.on_commit(schrijf_configuratie)
