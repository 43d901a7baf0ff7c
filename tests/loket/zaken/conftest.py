import pytest

from loket.zaken.definitie import definieer
from tests.loket.zaken.helpers import PROEF


@pytest.fixture
def zaaktype(db):
    return definieer(PROEF)
