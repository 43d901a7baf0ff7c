"""Routing: rules on category and area (buurt, wijk, own polygon), in order; the first match wins."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from kern.crs import RD_NEW
from loket.meldingen import services
from loket.meldingen.models import Categorie, Routeringsregel
from loket.zaken.models import Team
from tests.support.factories import CategorieFactory, RouteringsregelFactory, TeamFactory

pytestmark = pytest.mark.django_db
PUNT = Point(113010, 553005, srid=RD_NEW)


@pytest.fixture
def noord(db):
    return TeamFactory(code="noord", naam="Team Noord")


def test_standaardregels_per_hoofdcategorie_en_terugval(db):
    assert services.routeer(Categorie.objects.get(slug="lamp-kapot"), PUNT, {}).code == "verlichting"
    assert services.routeer(Categorie.objects.get(slug="zwerfvuil"), PUNT, {}).code == "afval"
    Routeringsregel.objects.filter(naam="Afval").delete()
    assert services.routeer(Categorie.objects.get(slug="zwerfvuil"), PUNT, {}).code == "kcc"


def test_eerste_passende_regel_wint(noord):
    zwerfvuil = Categorie.objects.get(slug="zwerfvuil")
    RouteringsregelFactory(
        naam="Zwerfvuil in Centrum", categorie=zwerfvuil, buurtcode="BU04000102", team=noord
    )
    assert services.routeer(zwerfvuil, PUNT, {"buurtcode": "BU04000102"}) == noord
    assert services.routeer(zwerfvuil, PUNT, {"buurtcode": "BU04000999"}).code == "afval"
    # A later matching rule never overrides an earlier one.
    RouteringsregelFactory(
        volgorde=2, naam="Alles in Centrum", buurtcode="BU04000102", team=Team.objects.get(code="kcc")
    )
    assert services.routeer(zwerfvuil, PUNT, {"buurtcode": "BU04000102"}) == noord


def test_wijk_en_eigen_gebied(noord):
    lamp = Categorie.objects.get(slug="lamp-kapot")
    RouteringsregelFactory(naam="Wijk 1", wijkcode="WK040001", team=noord)
    assert services.routeer(lamp, PUNT, {"wijkcode": "WK040001"}) == noord
    assert services.routeer(lamp, PUNT, {"wijkcode": "WK040002"}).code == "verlichting"
    Routeringsregel.objects.all().delete()
    vlak = MultiPolygon(Polygon.from_bbox((113000, 553000, 113020, 553020)), srid=RD_NEW)
    RouteringsregelFactory(naam="Haven", gebied=vlak, team=noord)
    assert services.routeer(lamp, PUNT, {}) == noord
    assert services.routeer(lamp, Point(113100, 553100, srid=RD_NEW), {}) is None


def test_inactieve_regel_telt_niet(noord):
    lamp = Categorie.objects.get(slug="lamp-kapot")
    RouteringsregelFactory(naam="Uit", team=noord, actief=False)
    assert services.routeer(lamp, PUNT, {}).code == "verlichting"


def test_twee_niveaus(db):
    from django.core.exceptions import ValidationError

    diep = CategorieFactory.build(
        naam="Te diep", slug="te-diep", hoofdcategorie=Categorie.objects.get(slug="lamp-kapot")
    )
    with pytest.raises(ValidationError):
        diep.full_clean()


def test_beheer_van_categorieen_en_regels(admin_client):
    hoofd = Categorie.objects.get(slug="groen")
    r = admin_client.get(f"/beheer/meldingen/categorie/{hoofd.pk}/change/")
    assert r.status_code == 200 and "Overhangend groen" in r.content.decode()
    assert admin_client.get("/beheer/meldingen/routeringsregel/").status_code == 200
    regel = Routeringsregel.objects.first()
    r = admin_client.get(f"/beheer/meldingen/routeringsregel/{regel.pk}/change/")
    assert r.status_code == 200
    r = admin_client.post(
        f"/beheer/meldingen/routeringsregel/{regel.pk}/change/",
        {
            "volgorde": 5, "naam": regel.naam, "categorie": regel.categorie_id or "", "buurtcode": "", "wijkcode": "",
            "gebied": "MULTIPOLYGON(((113000 553000,113020 553000,113020 553020,113000 553000)))",
            "team": regel.team_id, "actief": "on",
        },
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:3000]
    regel.refresh_from_db()
    assert regel.gebied.srid == RD_NEW and regel.volgorde == 5
    assert admin_client.get("/beheer/meldingen/melding/").status_code == 200
    assert admin_client.get("/beheer/zaken/zaaktype/").status_code == 200
