"""Track & trace shows what (categorie, the melder's words, their photo) and where (address, a small
map, the same spot in text); the photo only through the melder's own token (issue 14 point 6)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.meldingen import fotos, services
from loket.meldingen.models import Volger
from loket.zaken.models import Document, Zaak
from tests.loket.meldingen.helpers import PUNT_LL, PUNT_RD, foto

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding(adressen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    schone = fotos.schoon(SimpleUploadedFile("foto.jpg", foto("JPEG"), content_type="image/jpeg"))
    return services.meld(
        services.Invoer(
            "losse-stoeptegel", "Tegel los voor de deur van de bakker.", *PUNT_RD,
            email="melder@example.org", toestemming=True, fotos=[schone],
        )
    )  # fmt: skip


def test_volgpagina_toont_wat_en_waar(melding, client):
    r = client.get(f"/meldingen/volgen/{melding.token}")
    html = r.content.decode()
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    assert "Losse stoeptegel" in html and "Tegel los voor de deur van de bakker." in html
    assert melding.zaak.adres and melding.zaak.adres in html  # the address found at the spot
    assert f"{PUNT_LL[1]:.5f} N".replace(".", ",") in html or f"{PUNT_LL[1]:.5f} N" in html
    # The map: Leaflet from our own static files and the basemap from our own tile service.
    assert 'id="volg-kaart"' in html and "/static/vendor/leaflet/leaflet.js" in html
    config = re.search(r'<script id="volg-config" type="application/json">(.*?)</script>', html).group(1)
    assert "http" not in config.replace("http://testserver", "")
    # The photo: an <img> pointing at the token's own photo URL, never a public media URL.
    assert f"/meldingen/volgen/{melding.token}/foto/1" in html and "/media/" not in html


def test_foto_alleen_met_het_eigen_token(melding, client):
    r = client.get(f"/meldingen/volgen/{melding.token}/foto/1")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert r["Cache-Control"] == "private, no-store" and r["Referrer-Policy"] == "no-referrer"
    assert b"".join(r.streaming_content).startswith(b"\xff\xd8")
    # A second photo that is not there, a stranger's token, another melding's token: all 404.
    assert client.get(f"/meldingen/volgen/{melding.token}/foto/2").status_code == 404
    assert client.get(f"/meldingen/volgen/{melding.token}/foto/0").status_code == 404
    assert client.get("/meldingen/volgen/" + "x" * 43 + "/foto/1").status_code == 404
    ander = services.meld(services.Invoer("losse-stoeptegel", "Nog een losse tegel hier.", *PUNT_RD))
    assert client.get(f"/meldingen/volgen/{ander.token}/foto/1").status_code == 404


def test_volger_ziet_geen_woorden_of_foto_van_de_melder(melding, client):
    volger = Volger.objects.create(melding=melding, email="", bevestigd=melding.zaak.registratiedatum)
    html = client.get(f"/meldingen/volgen/{volger.token}").content.decode()
    assert "Losse stoeptegel" in html and melding.zaak.buurtnaam in html
    assert "Tegel los voor de deur" not in html and melding.zaak.adres not in html
    assert "/foto/" not in html
    # The follower's own token opens no photo either: the photo is the melder's.
    assert client.get(f"/meldingen/volgen/{volger.token}/foto/1").status_code == 404


def _stuk_van_medewerker(zaak) -> Document:
    document = Document(zaak=zaak, titel="Foto na herstel", content_type="image/jpeg", grootte=4)
    document.bestand.save("herstel.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=True)
    return document


def test_alleen_de_eigen_foto_van_de_melder(melding, client):
    """A document staff add to the zaak (a photo after repair, a report) is not the melder's photo."""
    _stuk_van_medewerker(melding.zaak)
    html = client.get(f"/meldingen/volgen/{melding.token}").content.decode()
    assert f"/meldingen/volgen/{melding.token}/foto/1" in html
    assert "/foto/2" not in html
    assert client.get(f"/meldingen/volgen/{melding.token}/foto/2").status_code == 404


def test_zonder_eigen_foto_geen_foto_van_de_gemeente(adressen, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    melding = services.meld(services.Invoer("losse-stoeptegel", "Tegel los, geen foto gemaakt.", *PUNT_RD))
    _stuk_van_medewerker(melding.zaak)
    html = client.get(f"/meldingen/volgen/{melding.token}").content.decode()
    assert "/foto/" not in html and "melding-foto" not in html
    assert client.get(f"/meldingen/volgen/{melding.token}/foto/1").status_code == 404


def test_api_geeft_de_melder_wat_en_waar_zoals_de_pagina(melding, client):
    api = client.get(f"/api/meldingen/volgen/{melding.token}").json()
    zaak = melding.zaak
    assert api["eigen"] is True and "Losse stoeptegel" in api["categorie"]
    assert api["omschrijving"] == "Tegel los voor de deur van de bakker." and api["adres"] == zaak.adres != ""
    assert api["buurt"] == zaak.buurtnaam != ""
    assert api["plek_ll"] == pytest.approx(list(PUNT_LL), abs=1e-6)  # the spot the melder chose
    assert api["fotos"] == [f"http://testserver/meldingen/volgen/{melding.token}/foto/1"]
    assert client.get(api["fotos"][0]).status_code == 200
    # The same service as the page: every field the page has, the API has with the same value.
    pagina = services.volg_gegevens(melding)
    for sleutel in ("referentie", "categorie", "status", "omschrijving", "adres", "buurt", "plek_ll"):
        assert api[sleutel] == pagina[sleutel], sleutel


def test_api_geeft_een_volger_alleen_wat_de_openbare_kaart_toont(melding, client):
    volger = Volger.objects.create(melding=melding, email="", bevestigd=melding.zaak.registratiedatum)
    api = client.get(f"/api/meldingen/volgen/{volger.token}").json()
    assert api["eigen"] is False and "Losse stoeptegel" in api["categorie"]
    assert api["buurt"] == melding.zaak.buurtnaam
    assert api["omschrijving"] == "" and api["adres"] == "" and api["fotos"] == []
    assert "Tegel los" not in str(api) and melding.zaak.adres not in str(api)
    # The spot rounded to 10 m, as on the public map: not the melder's own spot.
    assert api["plek_ll"] == api["locatie_ll"] != pytest.approx(list(PUNT_LL), abs=1e-7)


def test_api_volger_die_nog_niet_bevestigde_ziet_niets(melding, client):
    volger = Volger.objects.create(melding=melding, email="buur@example.org")
    r = client.get(f"/api/meldingen/volgen/{volger.token}")
    assert r.status_code == 403 and r.json()["code"] == "volgen_niet_bevestigd"
    assert "Losse stoeptegel" not in r.content.decode()


def test_api_en_pagina_zonder_openbare_plek(melding, client):
    """A melding whose spot was erased (AVG) or never public: no crash, the API says null."""
    Zaak.objects.filter(pk=melding.zaak.pk).update(geometrie=None, locatie_openbaar=None)
    volger = Volger.objects.create(melding=melding, email="", bevestigd=melding.zaak.registratiedatum)
    for token in (melding.token, volger.token):
        r = client.get(f"/api/meldingen/volgen/{token}")
        assert r.status_code == 200, r.content
        assert r.json()["plek_ll"] is None and r.json()["locatie_ll"] is None
        assert client.get(f"/meldingen/volgen/{token}").status_code == 200
