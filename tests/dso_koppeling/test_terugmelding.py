"""Status back: a besluit on a zaak from DSO is recorded once, and sent only when switched on."""

import pytest

from dso_koppeling import terugmelding, verzoeken
from dso_koppeling.models import Terugmelding, Verzoek
from loket.zaken.services import wijzig_status
from tests.support.knooppunt import maak_client
from tests.support.outbox import wacht_tot_gebeurtenissen_vrij

# The outbox is read only up to transactions that have finished: this test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)


def test_besluit_wordt_vastgelegd_en_pas_verstuurd_als_het_aan_staat(knooppunt, media):
    app, url = knooppunt(aantal=6, kapot=0)
    verzoeken.synchroniseer(maak_client(url))
    aanvraag = Verzoek.objects.filter(type="aanvraag").select_related("zaak").first()
    andere = Verzoek.objects.exclude(pk=aanvraag.pk).filter(type="aanvraag").select_related("zaak").first()
    wijzig_status(aanvraag.zaak, "in_behandeling")
    wijzig_status(aanvraag.zaak, "besluit_genomen")
    wijzig_status(andere.zaak, "in_behandeling")  # not a besluit: nothing to report

    wacht_tot_gebeurtenissen_vrij()
    terugmelding.leg_vast()
    terugmelding.leg_vast()  # reading again records nothing twice
    [melding] = Terugmelding.objects.all()
    assert melding.verzoeknummer == aanvraag.verzoeknummer and melding.status == "besluit_genomen"
    assert melding.gegevens["zaakidentificatie"] == aanvraag.zaak.referentie

    assert terugmelding.verstuur(maak_client(url), aan=False) == {"alleen_vastgelegd": 1}
    assert not app.opslag.statussen

    assert terugmelding.verstuur(maak_client(url), aan=True) == {"verstuurd": 1}
    assert app.opslag.statussen == [{"verzoeknummer": aanvraag.verzoeknummer, **melding.gegevens}]
    assert terugmelding.verstuur(maak_client(url), aan=True) == {}
