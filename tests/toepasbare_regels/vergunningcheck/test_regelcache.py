"""A conclusie step reads what the rule tables say once per process and the location in one statement;
any write to those tables (an import, an admin save) makes the next step read them again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.toepasbare_regels.vergunningcheck.test_api import bepaal
from toepasbare_regels import regelcache
from toepasbare_regels.models import Regelstand, Werkzaamheid
from toepasbare_regels.omgevingsplan.models import Activiteit

DAKKAPEL = "nl.imow-gm0400.activiteit.BouwenDakkapel"


@pytest.fixture(autouse=True)
def leeg():
    regelcache.vergeet()
    yield
    regelcache.vergeet()


def _stap(client):
    antwoord = bepaal(client, ["DakkapelPlaatsen"])
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.json()[0]["activiteiten"][0]


def test_a_second_step_sends_one_statement_with_the_same_answer(client, regels, adressen):
    eerste = _stap(client)
    with CaptureQueriesContext(connection) as queries:
        tweede = _stap(client)
    assert tweede == eerste
    assert len(queries) == 1, [q["sql"][:120] for q in queries]


def test_every_write_to_the_rule_tables_changes_the_stand(regels):
    def stand():
        rij = Regelstand.objects.get()
        return rij.versie, rij.gewijzigd

    voor = stand()
    Werkzaamheid.objects.filter(urn="DakkapelPlaatsen").update(naam="Een dakkapel plaatsen")
    na_werkzaamheid = stand()
    Activiteit.objects.filter(identificatie=DAKKAPEL).delete()
    assert voor != na_werkzaamheid != stand()


def test_a_new_rule_version_or_werkzaamheid_is_seen_by_the_next_step(client, regels, adressen):
    eerste = _stap(client)
    assert eerste["identificatie"] == DAKKAPEL and eerste["vraaggroepen"]
    # Staff point the werkzaamheid at another activiteit: the cached werkzaamheid is not used again.
    Werkzaamheid.objects.filter(urn="DakkapelPlaatsen").update(
        activiteiten=["nl.imow-gm0400.activiteit.Onbekend"]
    )
    [activiteit] = bepaal(client, ["DakkapelPlaatsen"]).json()[0]["activiteiten"]
    assert activiteit["identificatie"] == "nl.imow-gm0400.activiteit.Onbekend"
    assert activiteit["conclusies"][0]["toestemmingstype"]["code"] == "NeemContactOpMet"
    # The rule file ends: the step no longer finds rules for dakkapel either.
    Werkzaamheid.objects.filter(urn="DakkapelPlaatsen").update(activiteiten=[DAKKAPEL])
    assert _stap(client)["vraaggroepen"]
    from toepasbare_regels.models import ToepasbareRegelBestand

    ToepasbareRegelBestand.objects.filter(activiteiten__contains=[DAKKAPEL]).update(
        eind_geldigheid="2000-01-01"
    )
    zonder = _stap(client)
    assert zonder["conclusies"][0]["toestemmingstype"]["code"] == "NeemContactOpMet"
    assert not zonder["vraaggroepen"]
