"""The point of the DSO-koppeling: with 30 % of calls faulted in every way, a sync that keeps going
ends with every verzoek exactly once, with the right content, and a cursor that never skipped."""

import random
import time

import pytest

from dev.dso_mock.storingen import ALLE
from dso_koppeling import verzoeken
from dso_koppeling.models import Synctoestand
from tests.dso_koppeling.verwachting import controleer_lokaal
from tests.support.knooppunt import maak_client

pytestmark = pytest.mark.django_db


def test_dertig_procent_storingen_niets_kwijt_niets_dubbel(knooppunt, media):
    app, url = knooppunt(
        aantal=40, kapot=1, aanvullingen=3, storingen_kans=0.3, storingen_seed=11, timeout=1.3
    )
    client = maak_client(url, timeout=0.5)
    begin = time.monotonic()
    rondes, cursors, verzoeken_gesynct = 0, [], 0
    # Sync until done; new verzoeken keep arriving until every kind of fault has been met at least once.
    while True:
        rondes += 1
        assert rondes <= 40, f"na 40 rondes nog niet klaar: {dict(app.storingen.geteld)}"
        resultaat = verzoeken.synchroniseer(client, grootte=3)
        verzoeken_gesynct += resultaat.telling["nieuw"]
        cursors.append(Synctoestand.objects.get(naam="verzoeken").cursor)
        if resultaat.ok and set(app.storingen.geteld) == set(ALLE):
            break
        if resultaat.ok:
            for _ in range(3):
                app.nieuw_verzoek(random.Random(len(app.opslag.feed)))
    seconden = time.monotonic() - begin

    controleer_lokaal(app.opslag)
    # The cursor only ever moved forward and ended at the end of the feed.
    assert cursors == sorted(cursors)
    assert cursors[-1] == max(i["volgnummer"] for i in app.opslag.feed)
    storingen = sum(app.storingen.geteld.values())
    assert storingen / app.aanroepen == pytest.approx(0.3, abs=0.08)
    print(
        f"\nDSO-betrouwbaarheid: {verzoeken_gesynct} verzoeken gesynct in {rondes} rondes, {app.aanroepen} aanroepen, "
        f"{storingen} storingen ({storingen / app.aanroepen:.0%}) {dict(sorted(app.storingen.geteld.items()))}, "
        f"{client.statistiek['herhalingen']} herhalingen, {seconden:.1f} s"
    )


def test_feed_die_verschuift_herhaalt_en_door_elkaar_ligt(knooppunt, media):
    """Only the feed's content faults, often: pages that change while paging (new verzoeken,
    aanvullingen, republished verzoeken moving to the end), duplicates, shuffled and broken items."""
    app, url = knooppunt(
        aantal=30, storingen_kans=0.8, storingen="dubbel,volgorde,wijziging,kapot_item", storingen_seed=5
    )
    client = maak_client(url)
    for _ in range(10):
        if verzoeken.synchroniseer(client, grootte=1).ok:
            break
    controleer_lokaal(app.opslag)
    assert min(app.storingen.geteld.values()) >= 4, app.storingen.geteld
    print(
        f"\nDSO-feedstoringen: {len(app.opslag.feed)} feed-items, {dict(sorted(app.storingen.geteld.items()))}"
    )
