"""Fixtures of the buurtberichten tests: buurt Centrum with its wijk, addresses (the shared
`adressen` fixture), and the mail outbox."""

import pytest

from tests.support import factories as f


@pytest.fixture
def buurt(adressen):
    """Buurt Centrum (from `adressen`) and its wijk, a bit larger, plus a second buurt beside it."""
    f.WijkFactory(code="WK040001", naam="Binnenstad", bbox=(112800, 552800, 113300, 553300))
    f.BuurtFactory(code="BU04000103", naam="Havenkwartier", bbox=(113300, 553300, 113700, 553700))
    return "BU04000102"
