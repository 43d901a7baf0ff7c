"""The IMRO importer on the real bestemmingsplannen in ../shared/data/b3p-imro-plans."""

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.support.paden import SHARED_DATA, shared_data
from tests.toepasbare_regels.omgevingsplan.helpers import IMRO, local
from toepasbare_regels.omgevingsplan import models as m
from toepasbare_regels.omgevingsplan.importing import importeer
from toepasbare_regels.omgevingsplan.importing.imro import PLANGEBIEDEN, PLANOBJECTEN

pytestmark = pytest.mark.conformance
PLANNEN = sorted(p.name for p in (SHARED_DATA / IMRO).glob("*.gml")) or ["(geen IMRO-plannen)"]
AANWIJZINGEN = PLANOBJECTEN - {"Maatvoering"}


def _telling(pad: Path) -> Counter:
    telling: Counter = Counter()
    for el in etree.parse(str(pad)).getroot().iter():
        naam = local(el.tag)
        if naam in PLANGEBIEDEN | PLANOBJECTEN:
            telling[naam] += 1
        if naam == "WaardeEnType" and local(el.getparent().getparent().tag) == "Maatvoering":
            telling["WaardeEnType"] += 1
    return telling


@pytest.mark.django_db
@pytest.mark.parametrize("plan", PLANNEN)
def test_every_imro_plan_imports_with_counts_from_the_file(plan):
    pad = shared_data(IMRO) / plan
    [resultaat] = importeer(pad)
    assert resultaat.status == "klaar", resultaat.fout
    versie = m.RegelingVersie.objects.get(regeling__identificatie=resultaat.regeling)
    bestand = _telling(pad)
    objecten = sum(bestand[n] for n in PLANGEBIEDEN | PLANOBJECTEN)
    locaties = m.Locatie.objects.filter(versie=versie)
    assert locaties.exclude(soort="gebiedengroep").count() == objecten
    assert not locaties.exclude(soort="gebiedengroep").filter(geom__isnull=True).exists()
    assert m.Gebiedsaanwijzing.objects.filter(versie=versie).count() == sum(bestand[n] for n in AANWIJZINGEN)
    assert m.Normwaarde.objects.filter(versie=versie).count() == bestand["WaardeEnType"]
    assert locaties.filter(soort="gebiedengroep").count() == (1 if bestand["Bouwvlak"] else 0)
    assert versie.regeling.bron == "imro"


@pytest.mark.django_db
def test_imro_maatvoering_becomes_maximum_bouwhoogte_and_answers_at_a_point():
    pad = shared_data(IMRO) / "stationspleinzuidoost.gml"
    [resultaat] = importeer(pad)
    norm = m.Omgevingsnorm.objects.get(
        versie__regeling__identificatie=resultaat.regeling, naam="maximum bouwhoogte"
    )
    assert norm.eenheid.endswith("/Meter")
    waarde = norm.normwaarden.order_by("identificatie").first()
    loc = m.Locatie.objects.get(versie=waarde.versie, identificatie=waarde.locaties[0])
    from toepasbare_regels.omgevingsplan import services

    normen = services.normwaarden_op(loc.geom.point_on_surface)
    assert waarde.kwantitatief in [n["waarde"] for n in normen if n["type"] == "MaximumBouwhoogte"]
    # The enkelbestemming at that spot is a Functie gebiedsaanwijzing with its artikel.
    aanwijzingen = services.gebiedsaanwijzingen_op(loc.geom.point_on_surface)
    assert any(g["type"] == "Functie" for g in aanwijzingen)


@pytest.mark.django_db
def test_imro_second_import_changes_nothing():
    pad = shared_data(IMRO) / "NL.IMRO.0664.BPBS03-ON99.gml"
    [eerste] = importeer(pad)
    aantal = m.Locatie.objects.count(), m.Normwaarde.objects.count(), m.LocatieVlak.objects.count()
    [tweede] = importeer(pad)
    [derde] = importeer(pad, opnieuw=True)
    assert (eerste.status, tweede.status, derde.status) == ("klaar", "al_geimporteerd", "klaar")
    assert (m.Locatie.objects.count(), m.Normwaarde.objects.count(), m.LocatieVlak.objects.count()) == aantal
