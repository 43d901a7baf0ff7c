"""The admin's zaak list: its status filter lists each status once, however many zaaktypen share it."""

import pytest

from loket.zaken import services
from loket.zaken.models import Zaak, Zaaktype
from tests.support.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def _keuzes(client, query="") -> list[tuple[str, str]]:
    r = client.get("/beheer/zaken/zaak/" + query)
    assert r.status_code == 200
    [spec] = [s for s in r.context["cl"].filter_specs if s.title == "status"]
    return list(spec.lookup_choices)


def test_statusfilter_noemt_elke_status_een_keer(client):
    beheerder = GebruikerFactory(is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    dso = [Zaaktype.objects.get(code=c) for c in ("vergunningaanvraag", "melding-omgevingswet")]
    for zaaktype in dso:
        services.maak_zaak(zaaktype)

    keuzes = _keuzes(client)
    labels = [label for _, label in keuzes]
    assert labels.count("Ontvangen") == 1, labels
    assert len(labels) == len(set(labels)) and len(keuzes) == len({code for code, _ in keuzes})
    # Filtering on it finds "ontvangen" in every zaaktype.
    r = client.get("/beheer/zaken/zaak/?status=ontvangen")
    assert {z.zaaktype.code for z in r.context["cl"].result_list} == {z.code for z in dso}
    # With a zaaktype chosen: only that zaaktype's statussen.
    eigen = _keuzes(client, f"?zaaktype__id__exact={dso[0].pk}")
    assert [c for c, _ in eigen] == list(
        dso[0].statustypen.order_by("volgnummer").values_list("code", flat=True)
    )
    assert Zaak.objects.count() == 2
