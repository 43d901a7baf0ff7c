"""Analytical maps of the dashboard, built in Python with folium on our own basemap: a choropleth of
the buurten for an indicator (5 classes by quantiles) and meldingen hotspots in hexagons.

folium writes Leaflet code as inline <script> and <style>. We keep its output but point its assets at
our vendored Leaflet (per map, never the class-level defaults), drop what would break the page (its
viewport meta that blocks zooming, its full-page html/body styles) and give every inline block the
response's CSP nonce (`kern.csp.beleid(nonce)`), so no 'unsafe-inline' is needed. Colours and the
legend are ours: folium's Choropleth would load d3 from a CDN for its colour bar.
"""

import json
import re
from dataclasses import dataclass, field

import folium
import numpy as np
from django.db import connection
from django.templatetags.static import static

from kaartlagen.basiskaart.mapproxy import PAD
from kern.crs import WGS84
from kern.gemeente import huidige
from loket.buurtdashboard import privacy

# ColorBrewer PuBu, 5 classes, light to dark; a suppressed value gets grey hatching-free grey.
KLEUREN = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]
KLEIN_KLEUR = "#bbbbbb"
GEEN_KLEUR = "#ffffff"


@dataclass
class Klasse:
    nummer: int
    van: float
    tot: float
    kleur: str


@dataclass
class Kaart:
    kop: str  # for <head>: folium's styles and settings (with nonce)
    html: str  # the map's <div>
    script: str  # the inline <script> (with nonce)
    klassen: list[Klasse] = field(default_factory=list)


def klassen(waarden: list[float], aantal: int = 5) -> list[Klasse]:
    """Quantile classes: each holds about as many buurten; fewer classes when values repeat."""
    if not waarden:
        return []
    grenzen = sorted(set(np.quantile(waarden, np.linspace(0, 1, aantal + 1)).round(1).tolist()))
    if len(grenzen) == 1:
        grenzen = [grenzen[0], grenzen[0]]
    stappen = list(zip(grenzen[:-1], grenzen[1:], strict=True))
    kleuren = (
        KLEUREN
        if len(stappen) == len(KLEUREN)
        else [KLEUREN[round(i * 4 / max(1, len(stappen) - 1))] for i in range(len(stappen))]
    )
    return [Klasse(i, van, tot, kleuren[i]) for i, (van, tot) in enumerate(stappen)]


def klasse_van(waarde, kl: list[Klasse]) -> Klasse | None:
    if waarde is None or isinstance(waarde, str) or not kl:
        return None
    for k in kl:
        if waarde <= k.tot:
            return k
    return kl[-1]


def _basiskaart(m: folium.Map) -> None:
    folium.TileLayer(
        tiles=f"{PAD}/tiles/basiskaart/GLOBAL_WEBMERCATOR/{{z}}/{{x}}/{{y}}.png",
        attr=f"Basiskaart gemeente {huidige().naam} (BGT, BAG)",
        name="Basiskaart",
        max_zoom=20,
    ).add_to(m)


def _kaart(geojson: dict) -> folium.Map:
    m = folium.Map(location=[52.95, 4.76], zoom_start=13, tiles=None, control_scale=True)
    # Per instance: the class-level lists are shared by every map in the process.
    m.default_js = [("leaflet", static("vendor/leaflet/leaflet.js"))]
    m.default_css = [("leaflet_css", static("vendor/leaflet/leaflet.css"))]
    _basiskaart(m)
    if geojson["features"]:
        xs = [c for f in geojson["features"] for c in _coordinaten(f["geometry"])]
        m.fit_bounds(
            [[min(y for _, y in xs), min(x for x, _ in xs)], [max(y for _, y in xs), max(x for x, _ in xs)]]
        )
    return m


def _coordinaten(geometrie: dict):
    def plat(c):
        if isinstance(c[0], int | float):
            yield c
        else:
            for d in c:
                yield from plat(d)

    return list(plat(geometrie["coordinates"]))


def _uitvoer(m: folium.Map, nonce: str, klassen_: list[Klasse]) -> Kaart:
    root = m.get_root()
    root.render()
    kop = root.header.render()
    kop = re.sub(r"<meta[^>]*>", "", kop)
    # Leaflet's own files come once from the page template, not once per map.
    kop = re.sub(r"<script src=[^>]*></script>|<link rel=\"stylesheet\"[^>]*/?>", "", kop)
    kop = re.sub(r"<style>\s*html, body \{.*?</style>", "", kop, flags=re.S)
    kop = re.sub(r"<style>\s*#map \{.*?</style>", "", kop, flags=re.S)
    met_nonce = r'<\1 nonce="' + nonce + '"'
    kop = re.sub(r"<(script|style)(?=>)", met_nonce, kop)
    script = '<script nonce="' + nonce + '">' + root.script.render() + "</script>"
    return Kaart(kop, root.html.render(), script, klassen_)


def buurtvlakken(codes: list[str]) -> dict:
    """The buurten as a WGS84 FeatureCollection (simplified to 5 m, coordinates to 6 decimals)."""
    with connection.cursor() as c:
        c.execute(
            "select code, naam, st_asgeojson(st_transform(st_simplifypreservetopology(geom, 5), %s), 6) "
            "from kaartlagen_buurt where code = any(%s) order by code",
            [WGS84, codes],
        )
        return {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"code": code, "naam": naam}, "geometry": json.loads(g)}
                for code, naam, g in c.fetchall()
            ],
        }


def choropleth(codes: list[str], waarden: dict, titel: str, nonce: str) -> Kaart:
    """`waarden`: {buurtcode: number, "<5" or None} as shown (already suppressed)."""
    data = buurtvlakken(codes)
    kl = klassen([v for v in waarden.values() if isinstance(v, int | float)])
    for f in data["features"]:
        w = waarden.get(f["properties"]["code"])
        k = klasse_van(w, kl)
        f["properties"]["waarde"] = "geen gegevens" if w is None else str(w)
        f["properties"]["kleur"] = k.kleur if k else (KLEIN_KLEUR if w == privacy.KLEIN else GEEN_KLEUR)
    m = _kaart(data)
    if not data["features"]:
        return _uitvoer(m, nonce, kl)
    folium.GeoJson(
        data,
        name=titel,
        style_function=lambda f: {
            "fillColor": f["properties"]["kleur"],
            "color": "#333333",
            "weight": 1,
            "fillOpacity": 0.75,
        },
        tooltip=folium.GeoJsonTooltip(["naam", "waarde"], aliases=["Buurt", titel]),
    ).add_to(m)
    return _uitvoer(m, nonce, kl)


def hexagonkaart(hexagonen: list[tuple[str, int]], nonce: str) -> Kaart:
    """Hexagons (WGS84 GeoJSON, count) of meldingen; only those with 5 or more are passed in."""
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"aantal": n}, "geometry": json.loads(g)} for g, n in hexagonen
        ],
    }
    kl = klassen([n for _, n in hexagonen])
    for f in data["features"]:
        f["properties"]["kleur"] = klasse_van(f["properties"]["aantal"], kl).kleur
    m = _kaart(data)
    if not data["features"]:
        return _uitvoer(m, nonce, kl)
    folium.GeoJson(
        data,
        name="Meldingen",
        style_function=lambda f: {
            "fillColor": f["properties"]["kleur"],
            "color": "#333333",
            "weight": 0.5,
            "fillOpacity": 0.8,
        },
        tooltip=folium.GeoJsonTooltip(["aantal"], aliases=["Meldingen"]),
    ).add_to(m)
    return _uitvoer(m, nonce, kl)
