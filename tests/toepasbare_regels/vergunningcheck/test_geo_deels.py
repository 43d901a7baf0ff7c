"""A geoVerwijzing answers "ja", "deels" or "nee" as the DSO does: an area partly inside the locatie is
"deels", so rules written for "deels" fire (a yes/no question counts "deels" as "ja")."""

from django.contrib.gis.geos import Polygon

from tests.toepasbare_regels.sttr.schemavorm import OIN, definitions, input_data, top_besluit
from toepasbare_regels.importing import importeer_sttr
from toepasbare_regels.omgevingsplan.models import LocatieVlak
from toepasbare_regels.plek import Plek
from toepasbare_regels.vergunningcheck import Check

GEZICHT = "nl.imow-gm0400.gebied.BeschermdDorpsgezicht"


def _vierkant(x, y, half):
    return Polygon.from_bbox((x - half, y - half, x + half, y + half))


def _plekken():
    """A point and a small square well inside the gebied, a square across its edge, one outside."""
    gebied = None
    for vlak in LocatieVlak.objects.filter(locaties__contains=[GEZICHT]):
        gebied = vlak.geom if gebied is None else gebied.union(vlak.geom)
    binnen = gebied.point_on_surface
    rand = gebied.boundary.interpolate(0)
    over_de_rand, buiten = (
        _vierkant(rand.x, rand.y, 5),
        _vierkant(gebied.extent[0] - 200, gebied.extent[1] - 200, 5),
    )
    geheel = _vierkant(binnen.x, binnen.y, 0.5)
    for g in (over_de_rand, buiten, geheel, binnen):
        g.srid = gebied.srid
    assert gebied.contains(geheel) and over_de_rand.intersects(gebied) and not gebied.contains(over_de_rand)
    assert not buiten.intersects(gebied)
    return {"punt": binnen, "geheel": geheel, "deels": over_de_rand, "buiten": buiten}


def test_ligging_is_ja_deels_or_nee(stad, db):
    plekken = _plekken()
    assert {naam: Plek(g).ligging(GEZICHT) for naam, g in plekken.items()} == {
        "punt": "ja",
        "geheel": "ja",
        "deels": "deels",
        "buiten": "nee",
    }


def test_a_rule_written_for_deels_fires_for_an_area_partly_inside(stad, db):
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0034"><uitv:geoVerwijzing>'
        f'<uitv:locatie identificatie="{GEZICHT}"/><uitv:vraagTekst>Ligt het in het dorpsgezicht?'
        "</uitv:vraagTekst></uitv:geoVerwijzing></uitv:uitvoeringsregel>"
    )
    inhoud = definitions(
        "1.2",
        input_data("1.2", "_geo", "Locatie dorpsgezicht", "UitvId0034", "string")
        + top_besluit(
            "1.2",
            [("_geo", "Locatie dorpsgezicht", "string")],
            [
                (['"ja"'], "Vergunningplicht"),
                (['"deels"'], "NeemContactOpMet"),
                (['"nee"'], "Toestemmingsvrij"),
            ],
        ),
        ext=f"<uitv:uitvoeringsregels>{regel}</uitv:uitvoeringsregels>",
    )
    importeer_sttr(inhoud, "geo.dmn")
    ref = f"{OIN}/id/concept/ConclusieBouwenDakkapel"
    plekken = _plekken()
    uitkomsten = {}
    for naam in ("geheel", "deels", "buiten"):
        [a] = Check([ref], Plek(plekken[naam])).uitvoeren()["activiteiten"]
        uitkomsten[naam] = a["conclusie"]["code"]
        if naam == "deels":
            assert a["waarom"][0]["antwoord"] == "deels" and a["werkingsgebieden"] == [GEZICHT]
    assert uitkomsten == {
        "geheel": "Vergunningplicht",
        "deels": "NeemContactOpMet",
        "buiten": "Toestemmingsvrij",
    }
