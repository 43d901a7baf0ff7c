"""What the map page needs from the layer registry: its layers with tile URLs, styles and legends."""

import math

from django.urls import reverse

from kaartlagen.basiskaart.mapproxy import PAD
from kaartlagen.models import Kaartlaag
from kaartlagen.services import data_grenzen
from kern.crs import WEB_MERCATOR_WERELD, naar_wgs84

# The map width a start zoom is chosen for (a phone; wider screens fit the extent themselves).
KAARTBREEDTE_PX = 360


def startbeeld() -> dict:
    """Centre, zoom and bounds (WGS84) of the loaded data, so every map opens where the data is."""
    minx, miny, maxx, maxy = data_grenzen()
    zuidwest, noordoost = naar_wgs84(minx, miny), naar_wgs84(maxx, maxy)
    lon, lat = naar_wgs84((minx + maxx) / 2, (miny + maxy) / 2)
    # Web Mercator metres per RD metre grow with 1/cos(lat); zoom so the extent's width fits the map.
    breedte = max(maxx - minx, maxy - miny, 200) / math.cos(math.radians(lat))
    zoom = int(math.log2(WEB_MERCATOR_WERELD * KAARTBREEDTE_PX / (256 * breedte)))
    return {
        "centrum": [round(lat, 6), round(lon, 6)],
        "zoom": max(11, min(zoom, 17)),
        "grenzen": [
            [round(zuidwest[1], 6), round(zuidwest[0], 6)],
            [round(noordoost[1], 6), round(noordoost[0], 6)],
        ],
    }


def kaartconfig(request) -> dict:
    lagen = Kaartlaag.objects.zichtbaar_voor(request.user)
    tegel_basis = reverse("kaartlagen:tegel", args=["LAAG", 0, 0, 0]).replace(
        "LAAG/0/0/0", "{naam}/{{z}}/{{x}}/{{y}}"
    )
    return {
        **startbeeld(),
        "vergunningcheck": reverse("vergunningcheck"),
        "api": {
            "suggest": reverse("kaartlagen:locatie-suggest"),
            "lookup": reverse("kaartlagen:locatie-lookup"),
            "informatie": reverse("kaartlagen:locatie-informatie"),
        },
        "lagen": [
            {
                "naam": laag.naam,
                "titel": laag.titel,
                "groep": laag.groep,
                "soort": laag.soort,
                "tegels": (
                    f"{PAD}/tiles/{laag.naam}/GLOBAL_WEBMERCATOR/{{z}}/{{x}}/{{y}}.png"
                    if laag.soort != Kaartlaag.Soort.VECTOR
                    else tegel_basis.format(naam=laag.naam)
                ),
                "min_zoom": laag.min_zoom,
                "max_zoom": laag.max_zoom,
                "stijl": laag.stijl,
                "legenda": laag.legenda(),
                "attributie": laag.attributie,
                "standaard_aan": laag.standaard_aan,
            }
            for laag in lagen
        ],
    }


def ondergrondkaart(request) -> dict:
    """A page map over one background (the melden form, backoffice lists, drawing an area): the start
    view and the first background layer this user sees by default."""
    kaart = kaartconfig(request)
    ondergrond = [laag for laag in kaart["lagen"] if laag["soort"] != "vector" and laag["standaard_aan"]]
    return {
        "centrum": kaart["centrum"],
        "zoom": kaart["zoom"],
        "grenzen": kaart["grenzen"],
        "ondergrond": ondergrond[:1],
    }


def kleine_kaart(objecten: dict | None = None) -> dict:
    """What a small map on a page needs (`kaartlagen/kleinekaart.js`): our basemap, the data's extent
    and, optionally, a GeoJSON FeatureCollection in WGS84 to draw and zoom to."""
    basis = Kaartlaag.objects.filter(soort=Kaartlaag.Soort.BASISKAART).order_by("volgorde").first()
    naam = basis.naam if basis else "basiskaart"
    return {
        **startbeeld(),
        "basiskaart": f"{PAD}/tiles/{naam}/GLOBAL_WEBMERCATOR/{{z}}/{{x}}/{{y}}.png",
        "attributie": basis.attributie if basis else "",
        "objecten": objecten,
    }
