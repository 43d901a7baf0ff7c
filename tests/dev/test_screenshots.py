"""`make screenshots` (manage.py screenshots) shoots the backoffice too: it logs in with a throw-away
medewerker of its own, photographs the meldingen and the DSO vergunningaanvragen (list, map, detail)
at both sizes, and leaves no account behind."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from dev.management.commands.screenshots import BACKOFFICE, MATEN
from dev.sample.meldingen import maak_categorieen
from dev.sample.vergunningen import maak_aanvragen
from loket.meldingen import services
from tests.loket.meldingen.helpers import PUNT_RD
from tests.support.browser import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zaken(adressen, settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    maak_categorieen()
    services.meld(services.Invoer("losse-stoeptegel", "Tegel los voor de deur van de bakker.", *PUNT_RD))
    assert maak_aanvragen(per_week=0.1, schrijf=lambda _: None) > 0


def test_backoffice_lijst_kaart_en_detail_op_beide_formaten(zaken, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (make installeert het pakket chromium)")
    from kaartlagen.tegelserver import sluit_pool

    uit = tmp_path / "schermafdrukken"
    try:
        call_command("screenshots", map=str(uit), deel=["backoffice"])
    finally:
        sluit_pool()
    verwacht = {
        f"backoffice-{sectie}-{soort}-{maat}.png"
        for sectie in BACKOFFICE
        for soort in ("lijst", "kaart", "detail")
        for maat in MATEN
    }
    assert {p.name for p in uit.glob("*.png")} == verwacht
    for maat, viewport in MATEN.items():
        for sectie in BACKOFFICE:
            with Image.open(uit / f"backoffice-{sectie}-detail-{maat}.png") as beeld:
                assert beeld.width == viewport["width"] and beeld.height >= viewport["height"]
    # The throw-away medewerker is gone again.
    assert not get_user_model().objects.filter(username__startswith="schermafdrukken").exists()
