"""MapProxy in front of MapServer: caches the basemap and serves it as WMS, WMTS and XYZ tiles, in the
Dutch RD tiling scheme (as PDOK uses) and in Web Mercator for Leaflet. Mounted at /basiskaart/."""

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml
from django.db import transaction

from kaartlagen.basiskaart import mapfile, uitgave
from kaartlagen.models import Kaartlaag
from kern import gemeente
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
            "coverage": {"bbox": list(gemeente.huidige().bbox_rd), "srs": f"EPSG:{RD_NEW}"},
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


def configuratie_pad() -> Path:
    return mapfile.map_dir() / "mapproxy.yaml"


def schrijf_configuratie() -> tuple[Path, bool]:
    """Write mapproxy.yaml (and the mapfile) atomically; return it and whether it changed. Only
    `bouw_basiskaart` (once per release), a change the configuration depends on and the follower of a
    machine (`bijhouden`) call this, never a request: every running MapProxy reloads a changed file on
    its next request."""
    config = configuratie()
    pad = configuratie_pad()
    return pad, mapfile.schrijf_atomair(pad, yaml.safe_dump(config, sort_keys=False))


def maak_app():
    """The MapProxy WSGI app on the configuration the release wrote, or None while there is none (a
    web process only reads it). MapProxy compares the file's mtime on each request (one stat) and
    reloads itself when it changed, so web processes need no restart.
    MapServer 8 refuses to run without MAPSERVER_CONFIG_FILE, and MapProxy hands its own environment
    to each mapserv it starts, so the variable is set here."""
    from mapproxy.wsgiapp import make_wsgi_app

    pad = configuratie_pad()
    if not pad.exists():
        return None
    os.environ["MAPSERVER_CONFIG_FILE"] = str(mapfile.map_dir() / "mapserver.conf")
    return make_wsgi_app(str(pad), reloader=True)


def na_wijziging(sender, instance, **kwargs):
    """Something the configuration is made of changed: a basemap or external kaartlaag (saved or
    deleted), or the gemeente's boundary (its bbox is the basemap's extent and coverage). A release in
    this transaction tells the other machines' followers once it commits (`uitgave`); this machine
    rewrites its own files then too. Only once a release built the basemap: before that,
    `bouw_basiskaart` writes it from the registry as it then is."""
    if getattr(instance, "soort", None) == Kaartlaag.Soort.VECTOR:
        return
    nummer = None
    if uitgave.laatste() is not None:
        wat = "gewijzigd" if "created" in kwargs else "verwijderd"
        nummer = uitgave.breng_uit(f"{sender.__name__} {instance} {wat}")
    if configuratie_pad().exists():
        transaction.on_commit(lambda: _herschrijf(nummer))


def _herschrijf(nummer: int | None):
    gemeente.vergeet_grens()  # a boundary imported in this transaction counts at once
    schrijf_configuratie()
    if nummer is not None:
        uitgave.noteer_toegepast(nummer)
