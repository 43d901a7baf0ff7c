"""What the map page needs from the layer registry: its layers with tile URLs, styles and legends."""

from django.urls import reverse

from kaartlagen.basiskaart.mapproxy import PAD
from kaartlagen.models import Kaartlaag
from kern import gemeente
from kern.crs import naar_wgs84


def kaartconfig(request) -> dict:
    lagen = Kaartlaag.objects.zichtbaar_voor(request.user)
    tegel_basis = reverse("kaartlagen:tegel", args=["LAAG", 0, 0, 0]).replace(
        "LAAG/0/0/0", "{naam}/{{z}}/{{x}}/{{y}}"
    )
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    lon, lat = naar_wgs84((minx + maxx) / 2, (miny + maxy) / 2)
    return {
        "centrum": [round(lat, 6), round(lon, 6)],
        "zoom": 13,
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
