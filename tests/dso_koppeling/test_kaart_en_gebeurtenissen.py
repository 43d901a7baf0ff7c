"""New vergunningaanvragen on the map (vector tiles, open data) and in the locatie-informatie panel,
without personal data; and as domain events in the zaak outbox."""

import pytest

from dso_koppeling import verzoeken
from dso_koppeling.models import Verzoek
from kaartlagen import tegels
from kaartlagen.models import Kaartlaag
from loket.zaken.models import Gebeurtenis
from tests.support.knooppunt import maak_client
from tests.support.mvt import lees_mvt

pytestmark = pytest.mark.django_db


@pytest.fixture
def gesynct(knooppunt, media):
    app, url = knooppunt(aantal=10)
    verzoeken.synchroniseer(maak_client(url))
    return app


def test_laag_staat_in_het_register_en_toont_alleen_aanvragen(client, gesynct, tmp_path):
    laag = Kaartlaag.objects.get(naam="vergunningaanvragen")
    assert laag.publiek and laag.bron == "dso_vergunningaanvragen"
    aanvraag = Verzoek.objects.filter(type="aanvraag").select_related("zaak").first()
    punt = aanvraag.zaak.geometrie
    z, x, y = 16, *tegels.tegel_index(punt.x, punt.y, 16)
    response = client.get(f"/tiles/vergunningaanvragen/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    objecten = lees_mvt(response.content, z, x, y, tmp_path)
    mijn = next(o for o in objecten if o["referentie"] == aanvraag.zaak.referentie)
    assert set(mijn) == {"referentie", "adres", "activiteit", "datum", "status"}
    assert mijn["status"] == "Ontvangen" and aanvraag.activiteiten[0]["naam"] in mijn["activiteit"]
    alle = {o["referentie"] for o in objecten}
    assert not any(
        v.zaak.referentie in alle for v in Verzoek.objects.exclude(type="aanvraag").select_related("zaak")
    )


def test_open_data_zonder_persoonsgegevens(client, gesynct):
    inhoud = client.get("/ogc/collections/vergunningaanvragen/items", {"limit": 100}).content.decode()
    assert "Vergunningaanvragen" in client.get("/ogc/collections/vergunningaanvragen").content.decode()
    for v in gesynct.opslag.verzoeken.values():
        assert v["initiatiefnemer"]["email"] not in inhoud and v["initiatiefnemer"]["naam"] not in inhoud


def test_paneel_noemt_aanvragen_in_de_buurt(client, gesynct):
    aanvraag = Verzoek.objects.filter(type="aanvraag").select_related("zaak").first()
    punt = aanvraag.zaak.geometrie
    info = client.get("/api/locatie/informatie", {"x": punt.x + 20, "y": punt.y, "crs": "rd"}).json()
    [sectie] = [s for s in info["secties"] if s["sleutel"] == "vergunningaanvragen"]
    assert any(aanvraag.zaak.adres in waarde for _, waarde in sectie["regels"])


def test_gebeurtenissen_zonder_persoonsgegevens(gesynct):
    ontvangen = Gebeurtenis.objects.filter(soort="dso.verzoek_ontvangen")
    assert ontvangen.count() == Verzoek.objects.count()
    tekst = str(list(ontvangen.values_list("gegevens", flat=True)))
    assert "initiatiefnemer" not in tekst.lower() and "@" not in tekst
    assert (
        Gebeurtenis.objects.filter(soort="zaak.aangemaakt", zaak__bron="dso").count()
        == Verzoek.objects.count()
    )
