import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management import CommandError, call_command

from kern import gemeente
from kern.crs import RD_NEW
from kern.gemeente import huidige
from kern.models import Gemeentegrens


def test_identiteit_komt_uit_de_settings(settings):
    settings.GEMEENTE_NAAM = "Doesburg"
    settings.GEMEENTE_CBS_CODE = "gm0221"
    settings.GEMEENTE_TELEFOON = "0313 123456"
    settings.GEMEENTE_EMAIL = ""
    g = huidige()
    assert (g.naam, g.cbs_code, g.code, g.nummer) == ("Doesburg", "GM0221", "gm0221", "0221")
    assert g.contact_zin == "Neem contact op met de gemeente Doesburg: bel 0313 123456."


@pytest.mark.django_db
def test_bbox_volgt_uit_de_ingelezen_grens_anders_de_settings(settings):
    settings.GEMEENTE_CBS_CODE = "GM9999"
    settings.GEMEENTE_BBOX_RD = (1.0, 2.0, 3.0, 4.0)
    gemeente.vergeet_grens()
    assert huidige().bbox_rd == (1.0, 2.0, 3.0, 4.0)
    vlak = Polygon.from_bbox((200_000, 440_000, 201_000, 442_000))
    Gemeentegrens.objects.create(cbs_code="GM9999", naam="Proef", geom=MultiPolygon(vlak, srid=RD_NEW))
    assert huidige().bbox_rd == (1.0, 2.0, 3.0, 4.0)  # read again only after GRENS_GELDIG or vergeet_grens
    gemeente.vergeet_grens()
    assert huidige().bbox_rd == (200_000, 440_000, 201_000, 442_000)
    assert 51.9 < huidige().breedtegraad < 52.0
    gemeente.vergeet_grens()


@pytest.mark.django_db
def test_import_gemeentegrens_weigert_onbekende_code(tmp_path):
    bestand = tmp_path / "grenzen.geojson"
    bestand.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(CommandError, match="0 features met gemeentecode GM0221"):
        call_command("import_gemeentegrens", str(bestand), "--gemeente", "0221")
