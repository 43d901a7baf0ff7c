"""Issue 13 point 3: upload limits before decoding. Bytes per file and per request are capped while the
upload streams to its temporary file (a 300 MB upload no longer lands on disk in full); the pixels are
read from the header (a 20000² PNG bomb is `foto_te_groot`, not `geen_foto`); a 40-megapixel JPEG is
decoded at a reduced scale instead of in full."""

import io
import os
import struct
import subprocess
import sys
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from loket.meldingen import fotos
from loket.zaken.models import Zaak
from tests.loket.meldingen.helpers import foto, melding_data
from tests.support.paden import ROOT

pytestmark = pytest.mark.django_db


def png_kop(breedte: int, hoogte: int) -> bytes:
    """A PNG whose header claims breedte × hoogte pixels, with almost no data behind it."""

    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    ihdr = struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_40mp() -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (8000, 5000), (120, 130, 140)).save(uit, "JPEG", quality=50)
    return uit.getvalue()


def test_png_bom_is_te_groot_niet_geen_foto():
    with pytest.raises(fotos.FotoFout) as fout:
        fotos.schoon(SimpleUploadedFile("bom.png", png_kop(20000, 20000), "image/png"))
    assert fout.value.code == "foto_te_groot"


def test_grote_png_geweigerd_op_de_kop():
    with pytest.raises(fotos.FotoFout) as fout:
        fotos.schoon(SimpleUploadedFile("groot.png", png_kop(5000, 5000), "image/png"))
    assert fout.value.code == "foto_te_groot"


def test_jpeg_van_40_megapixel_op_kleine_schaal_gedecodeerd():
    """In a fresh process: the memory a 40 MP JPEG costs to clean (before: the full 8000×5000 bitmap
    and more, 1.77 GB RSS for four requests with three each)."""
    code = (
        "import resource, sys\n"
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "import django; django.setup()\n"
        "from loket.meldingen import fotos\n"
        "data = sys.stdin.buffer.read()\n"
        "voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "schoon = fotos.schoon(SimpleUploadedFile('a.jpg', data, 'image/jpeg'))\n"
        "na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "from PIL import Image; import io\n"
        "print((na - voor) // 1024, *Image.open(io.BytesIO(schoon.inhoud)).size)\n"
    )
    data = jpeg_40mp()
    assert len(data) < 1_500_000
    uit = subprocess.run(
        [sys.executable, "-c", code],
        input=data,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        check=True,
    ).stdout.split()
    extra_mb, breedte, hoogte = map(int, uit)
    print(f"\n40 MP JPEG schoonmaken: +{extra_mb} MB piekgeheugen, uit {breedte}×{hoogte}")
    assert (breedte, hoogte) == (fotos.MAX_ZIJDE, 1600)
    # The full RGB bitmap alone is 120 MB; at 1/2 scale it is a quarter of that.
    assert extra_mb < 60


class TelStroom(io.BytesIO):
    """The request body, watching the upload folder at every read: the largest temporary file seen."""

    def __init__(self, data: bytes, map_):
        super().__init__(data)
        self.map, self.grootste, self.gelezen = map_, 0, 0

    def read(self, *args):
        for naam in os.listdir(self.map):
            self.grootste = max(self.grootste, os.path.getsize(os.path.join(self.map, naam)))
        stuk = super().read(*args)
        self.gelezen += len(stuk)
        return stuk

    readline = None  # Django's LimitedStream reads in blocks


def post_multipart(client, pad, velden: dict, bestanden: list, map_):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    body = encode_multipart(BOUNDARY, {**velden, "fotos": bestanden})
    stroom = TelStroom(body, map_)
    r = client.generic(
        "POST",
        pad,
        b"",
        **{"wsgi.input": stroom, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": MULTIPART_CONTENT},
    )
    return r, stroom, len(body)


def test_te_groot_bestand_komt_niet_helemaal_op_schijf(adressen, client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.MEDIA_ROOT = tmp_path / "media"
    groot = SimpleUploadedFile("groot.jpg", b"\xff\xd8" + b"\0" * (12 * 1024 * 1024), "image/jpeg")
    r, stroom, _ = post_multipart(client, "/api/meldingen", melding_data(), [groot], tmp_path)
    assert r.status_code == 400 and r.json()["code"] == "foto_te_groot", r.content
    assert stroom.grootste <= settings.UPLOAD_MAX_BESTAND + 64 * 1024  # one chunk past the cap at most
    assert Zaak.objects.count() == 0


def test_te_groot_verzoek_wordt_niet_gelezen(adressen, client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.UPLOAD_MAX_VERZOEK = 1024 * 1024
    bestanden = [SimpleUploadedFile(f"{i}.jpg", foto() + b"\0" * 600_000, "image/jpeg") for i in range(2)]
    r, stroom, lengte = post_multipart(client, "/api/meldingen", melding_data(), bestanden, tmp_path)
    assert r.status_code == 413 and r.json()["code"] == "verzoek_te_groot", r.content
    assert stroom.gelezen < 100_000 < lengte
    # The page answers in words.
    for bestand in bestanden:
        bestand.seek(0)
    r, _, _ = post_multipart(client, "/meldingen/nieuw", melding_data(), bestanden, tmp_path)
    assert r.status_code == 413 and "te groot" in r.content.decode()
