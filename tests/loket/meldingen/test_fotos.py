"""Photo checks: JPEG/PNG only, at most 3 of at most 10 MB, re-encoded without any metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from loket.meldingen import fotos
from loket.zaken.models import Document, Zaak
from tests.loket.meldingen.helpers import foto, melding_data

pytestmark = pytest.mark.django_db


def upload(inhoud: bytes, naam="foto.jpg", soort="image/jpeg"):
    return SimpleUploadedFile(naam, inhoud, content_type=soort)


def test_exif_en_gps_verdwijnen():
    origineel = foto("JPEG", exif=True)
    assert Image.open(io.BytesIO(origineel)).getexif().get(0x8825)  # the test image does carry GPS
    schoon = fotos.schoon(upload(origineel))
    beeld = Image.open(io.BytesIO(schoon.inhoud))
    assert beeld.format == "JPEG" and schoon.content_type == "image/jpeg"
    assert dict(beeld.getexif()) == {}
    assert b"Exif" not in schoon.inhoud and b"Cameramerk" not in schoon.inhoud


def test_png_tekst_verdwijnt():
    schoon = fotos.schoon(upload(foto("PNG"), "foto.png", "image/png"))
    assert schoon.extensie == "png" and b"geheim" not in schoon.inhoud
    assert Image.open(io.BytesIO(schoon.inhoud)).size == (64, 48)


@pytest.mark.parametrize(
    ("inhoud", "code"),
    [
        (b"dit is geen foto", "geen_foto"),
        (b"\xff\xd8\xff\xe0 afgebroken jpeg", "geen_foto"),
        (foto("GIF"), "geen_foto"),
        (foto("BMP"), "geen_foto"),
    ],
)
def test_geen_foto_geweigerd(inhoud, code):
    with pytest.raises(fotos.FotoFout) as fout:
        fotos.schoon(upload(inhoud))
    assert fout.value.code == code


def test_te_groot_geweigerd():
    with pytest.raises(fotos.FotoFout) as fout:
        fotos.schoon(upload(b"\xff" * (fotos.MAX_BYTES + 1)))
    assert fout.value.code == "foto_te_groot"


def test_api_bewaart_schone_fotos_en_weigert_slechte(adressen, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = melding_data()
    data["fotos"] = [upload(foto(), "a.jpg"), upload(foto("PNG"), "b.png", "image/png")]
    r = client.post("/api/meldingen", data)
    assert r.status_code == 201, r.content
    documenten = Document.objects.filter(zaak__referentie=r.json()["referentie"])
    assert [d.content_type for d in documenten] == ["image/jpeg", "image/png"]
    for document in documenten:
        assert b"Exif" not in document.bestand.read()

    for fout_fotos, code in [
        ([upload(b"<?php echo 1; ?>", "x.jpg")], "geen_foto"),
        ([upload(foto(), f"{i}.jpg") for i in range(4)], "te_veel_fotos"),
    ]:
        data = melding_data()
        data["fotos"] = fout_fotos
        r = client.post("/api/meldingen", data)
        assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
        assert r.json()["code"] in (code, "invoer_ongeldig")
    assert Zaak.objects.count() == 1
