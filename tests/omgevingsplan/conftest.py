"""Fixtures of the omgevingsplan tests: the real deliveries, and the Den Helder sample plan loaded once."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from tests.conftest import shared_data

GEMEENTESTAD = "geonovum-omgevingsplan-gemeentestad/opdracht"
IMRO = "b3p-imro-plans"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def ow_telling(map_: Path) -> Counter:
    """What the OW files of a delivery hold, counted straight from the XML (not by our importer)."""
    telling: Counter = Counter()
    ala: set[str] = set()
    for pad in map_.glob("ow*.xml"):
        root = etree.parse(str(pad)).getroot()
        for obj in root.iter("{*}owObject"):
            for kind in obj:
                if isinstance(kind.tag, str):
                    telling[local(kind.tag)] += 1
        for el in root.iter("{*}ActiviteitLocatieaanduiding"):
            ala.add(el.findtext("{*}identificatie"))
        telling["Normwaarde"] += sum(1 for _ in root.iter("{*}Normwaarde"))
    telling["ActiviteitLocatieaanduiding"] = len(ala)
    return telling


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
