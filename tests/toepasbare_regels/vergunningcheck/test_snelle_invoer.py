"""The conclusie step's short cuts read exactly what the slow, general path reads: the body without DRF's
nested serializer (toepasbare_regels.api.gewone_invoer) and a plain Point without GDAL/GEOS
(plek.uit_geojson). A conclusion's artikelen in one statement: test_vergunningcheck.py."""

import copy
import json

import pytest
from django.contrib.gis.geos import GEOSGeometry

from kaartlagen.zoeken import ZoekFout
from kern.crs import RD_NEW, WGS84
from toepasbare_regels import api
from toepasbare_regels.plek import _gewoon_punt, uit_geojson

GEWOON = {
    "functioneleStructuurRefs": [
        {"functioneleStructuurRef": " DakkapelPlaatsen ", "antwoorden": [{"id": "a", "antwoord": " ja "}]},
        {"functioneleStructuurRef": "UitwegAanleggen"},
    ],
    "_geo": {"intersects": {"type": "Point", "coordinates": [113005.0, 553005]}},
    "datum": " 01-01-2025 ",
    "betwisteFeiten": ["monument"],
    "onbekend": 1,
}


def _variant(pad: tuple, waarde):
    body = copy.deepcopy(GEWOON)
    doel = body
    for stap in pad[:-1]:
        doel = doel[stap]
    if waarde is KeyError:
        del doel[pad[-1]]
    else:
        doel[pad[-1]] = waarde
    return body


# Every field with a value the serializer refuses or reads differently, and a few it takes as is.
VARIANTEN = [
    _variant(pad, waarde)
    for pad, waarden in {
        ("functioneleStructuurRefs",): [
            [],
            [GEWOON["functioneleStructuurRefs"][1]] * 11,
            "x",
            None,
            {},
            KeyError,
        ],
        ("functioneleStructuurRefs", 0): ["x", None, [], {"antwoorden": []}],
        ("functioneleStructuurRefs", 0, "functioneleStructuurRef"): [
            "",
            "   ",
            None,
            5,
            5.5,
            True,
            "x" * 500,
            "x" * 501,
            " " + "x" * 500 + " ",
            "a\x00b",
            "a\ud800",
            ["x"],
            "é\t",
        ],
        ("functioneleStructuurRefs", 0, "antwoorden"): [None, "x", {}, [], ["x"], [{}], KeyError],
        ("functioneleStructuurRefs", 0, "antwoorden", 0, "id"): ["", " ", 1, None, "x" * 201, KeyError],
        ("functioneleStructuurRefs", 0, "antwoorden", 0, "antwoord"): [
            "",
            "   ",
            None,
            1,
            False,
            "x" * 1000,
            "x" * 1001,
            "\x00",
            KeyError,
        ],
        ("_geo",): [None, "x", [], {}, KeyError],
        ("_geo", "intersects"): [None, "x", 1, [], {}, KeyError],
        ("datum",): ["", " ", None, 1, "x" * 5000, KeyError],
        ("betwisteFeiten",): [None, "x", {}, [], [""], [1], ["x" * 100], ["x" * 101], KeyError],
    }.items()
    for waarde in waarden
]


def _gewoon(waarde):
    """validated_data as plain dicts and lists."""
    return json.loads(json.dumps(waarde))


@pytest.mark.parametrize("body", [GEWOON, *VARIANTEN, [], "x", None])
def test_the_body_reads_as_the_serializer_reads_it_or_goes_through_the_serializer(body):
    snel = api.gewone_invoer(body)
    serializer = api.BepaalSerializer(data=body)
    if snel is not None:
        assert serializer.is_valid(), serializer.errors
        assert snel == _gewoon(serializer.validated_data)


def test_an_ordinary_body_takes_the_short_cut():
    # Without this the comparison above would pass with a reader that always gives up.
    assert api.gewone_invoer(GEWOON) is not None
    assert api.gewone_invoer(VARIANTEN[-1]) is not None  # betwisteFeiten absent: default []


@pytest.mark.parametrize(
    ("coordinaten", "srid"),
    [
        ([113005.0, 553005.0], RD_NEW),
        ([113005, 553005, 3.5], RD_NEW),
        ([113005.123456789, 553005.987654321], RD_NEW),
        ([4.7593, 52.9563], WGS84),
        ([0, 0], RD_NEW),
        ([1e300, 553005.0], RD_NEW),
    ],
)
def test_a_plain_point_gives_the_same_location_or_error_as_gdal_and_geos(db, coordinaten, srid):
    # db: the municipality's bbox may come from its boundary in the database (kern.gemeente).
    geojson = {"type": "Point", "coordinates": coordinaten}
    assert _gewoon_punt(geojson) is not None

    def lees(functie):
        try:
            geom = functie()
            return geom.srid, geom.x, geom.y
        except ZoekFout as fout:
            return fout.code

    snel = lees(lambda: uit_geojson(geojson, srid))
    # The general path on the same input: a Point parsed by GDAL/GEOS, then checked as uit_geojson does.
    traag = lees(lambda: _via_geos(geojson, srid))
    assert snel == traag


def _via_geos(geojson, srid):
    from django.contrib.gis.geos import Point

    from kaartlagen.zoeken import punt_in_gemeente

    geom = GEOSGeometry(json.dumps(geojson))
    geom.srid = srid
    assert not geom.empty and geom.valid
    return Point(*punt_in_gemeente(geom.x, geom.y, srid), srid=RD_NEW)


@pytest.mark.parametrize(
    "coordinaten", [[], [1.0], [1.0, 2.0, 3.0, 4.0], [True, 1.0], ["1", 2], [10**400, 1], None, [[1, 2]]]
)
def test_anything_but_a_plain_point_takes_the_general_path(coordinaten):
    assert _gewoon_punt({"type": "Point", "coordinates": coordinaten}) is None
