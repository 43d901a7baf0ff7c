"""Fixtures of the omgevingsplan tests: the real deliveries, and the Den Helder sample plan loaded once."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.support.paden import shared_data
from tests.toepasbare_regels.omgevingsplan.helpers import GEMEENTESTAD


@pytest.fixture
def gemeentestad() -> Path:
    return shared_data(GEMEENTESTAD)


@pytest.fixture(scope="session")
def plan_map(sample_dir, tmp_path_factory) -> Path:
    """The sample omgevingsplan, generated once from the session's BAG/BGT sample."""
    from dev.sample.omgevingsplan import generate

    out = tmp_path_factory.mktemp("omgevingsplan")
    generate(out, sample_dir, settings.GEMEENTE_BBOX_RD)
    return out


@pytest.fixture(scope="package")
def sample_plan(django_db_setup, django_db_blocker, plan_map):
    """The sample plan imported once for the read-only tests of this package, removed afterwards."""
    from dev.sample.omgevingsplan.inhoud import REGELING
    from kern.models import ImportRun
    from toepasbare_regels.omgevingsplan.importing import SOORT_OW, importeer
    from toepasbare_regels.omgevingsplan.models import Regeling

    with django_db_blocker.unblock():
        [resultaat] = importeer(plan_map, opnieuw=True)
        assert resultaat.ok, resultaat.fout
        yield resultaat
        Regeling.objects.filter(identificatie=REGELING).delete()
        ImportRun.objects.filter(soort=SOORT_OW, bestand=str(plan_map)).delete()
