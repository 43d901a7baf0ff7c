"""Two wijken with two buurten each, and staff in every dashboard role."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point

from kern.crs import RD_NEW
from loket.buurtdashboard.models import Dashboardrol, Rol
from loket.zaken.models import Zaak, Zaaktype
from tests.support import factories as f

WIJK_A, WIJK_B = "WK040061", "WK040062"
BUURT_A1, BUURT_A2, BUURT_B1, BUURT_B2 = "BU04006101", "BU04006102", "BU04006201", "BU04006202"


@pytest.fixture
def gebied(db):
    f.WijkFactory(code=WIJK_A, naam="Wijk A", bbox=(110000, 546000, 112000, 548000))
    f.WijkFactory(code=WIJK_B, naam="Wijk B", bbox=(112000, 546000, 114000, 548000))
    f.BuurtFactory(code=BUURT_A1, naam="Buurt A1", wijk_id=WIJK_A, bbox=(110000, 546000, 111000, 548000))
    f.BuurtFactory(code=BUURT_A2, naam="Buurt A2", wijk_id=WIJK_A, bbox=(111000, 546000, 112000, 548000))
    f.BuurtFactory(code=BUURT_B1, naam="Buurt B1", wijk_id=WIJK_B, bbox=(112000, 546000, 113000, 548000))
    f.BuurtFactory(code=BUURT_B2, naam="Buurt B2", wijk_id=WIJK_B, bbox=(113000, 546000, 114000, 548000))


def _staf(naam, rol=None, wijken=()):
    user = get_user_model().objects.create_user(naam, password="geheim-wachtwoord-1", is_staff=True)
    if rol:
        Dashboardrol.objects.create(gebruiker=user, rol=rol, wijken=list(wijken))
    return user


@pytest.fixture
def gebiedsmanager(gebied):
    return _staf("gm-a", Rol.GEBIEDSMANAGER, [WIJK_A])


@pytest.fixture
def medewerker(gebied):
    return _staf("kcc", Rol.MEDEWERKER)


@pytest.fixture
def beheerder(gebied):
    return _staf("beheer", Rol.BEHEERDER)


@pytest.fixture
def zonder_rol(gebied):
    return _staf("zonder-rol")


def zaak(zaaktype: str, buurt, wijk, moment, *, termijn, eind=None, status=None, **velden) -> Zaak:
    """A zaak as the dashboard counts it, written straight into the table (no outbox event)."""
    zt = Zaaktype.objects.get(code=zaaktype)
    return Zaak.objects.create(
        referentie=f"{zt.prefix}-T-{Zaak.objects.count():06d}",
        zaaktype=zt,
        geometrie=Point(110500, 547000, srid=RD_NEW),
        buurtcode=buurt,
        wijkcode=wijk,
        status=zt.statustypen.get(code=status) if status else zt.beginstatus(),
        registratiedatum=moment,
        startdatum=moment.date(),
        uiterlijke_einddatum=moment.date() + timedelta(days=termijn),
        einddatum=eind,
        laatste_statuswijziging=eind or moment,
        **velden,
    )
