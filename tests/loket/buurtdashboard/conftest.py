"""Two wijken with two buurten each, and staff in every dashboard role."""

import pytest
from django.contrib.auth import get_user_model

from loket.buurtdashboard.models import Dashboardrol, Rol
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
