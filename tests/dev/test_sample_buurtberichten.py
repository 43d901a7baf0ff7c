import pytest
from django.core.management import call_command

from loket.buurtberichten.models import Bericht
from tests.support.factories import VerblijfsobjectFactory

pytestmark = pytest.mark.django_db


def test_voorbeeldberichten_eenmalig(adressen):
    assert Bericht.objects.count() == 0
    call_command("load_sample_buurtberichten")
    assert Bericht.objects.count() == 0  # three addresses: too few, nothing made
    VerblijfsobjectFactory(x=113100, y=553100)
    call_command("load_sample_buurtberichten")
    assert sorted(Bericht.objects.values_list("soort", flat=True)) == [
        "evenement",
        "herinrichtingsplan",
        "omleiding",
        "werkzaamheden",
    ]
    call_command("load_sample_buurtberichten")
    assert Bericht.objects.count() == 4
