"""Issue 13 point 7: a feed that stays unreadable is a clear error of the reconciliation, not a raw
ValueError from deep inside it."""

import pytest
from django.core.management import CommandError, call_command

from dso_koppeling import reconciliatie
from dso_koppeling.client import DsoFout
from tests.support.knooppunt import maak_client

pytestmark = pytest.mark.django_db


def test_onleesbare_feed_is_een_duidelijke_fout(knooppunt, settings):
    _, url = knooppunt(aantal=5, storingen_kans=1.0, storingen="kapot_item")
    with pytest.raises(DsoFout) as fout:
        reconciliatie.reconcilieer(maak_client(url))
    assert fout.value.code == "feed_onleesbaar" and "onleesbaar item" in str(fout.value)

    settings.DSO_BASIS_URL = url
    with pytest.raises(CommandError, match=r"Reconciliatie mislukt \(feed_onleesbaar\)"):
        call_command("dso_sync", "--reconcile")
