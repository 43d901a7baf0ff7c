"""Static files as production serves them (config.statisch.Statisch through whitenoise): hashed names,
precompressed at collectstatic with brotli as well as gzip, each sent to the browsers that ask for it."""

import gzip
import os

import brotli
import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from config.statisch import AlleenGewijzigd
from tests.support.paden import ROOT

BRON = ROOT / "loket/portaal/static"


@pytest.fixture
def productie_statisch(settings, tmp_path):
    """collectstatic with the production storage into a folder of the test; only the portal's own
    static folder, to keep it quick (compressing everything with brotli takes ~10 s of CPU)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [BRON]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.statisch.Statisch"}}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return Client()  # a new one: whitenoise reads STATIC_ROOT when its middleware starts


def test_statisch_bestand_met_brotli_of_gzip(productie_statisch):
    url = static("portaal/kaart.js")
    assert url != "/static/portaal/kaart.js"  # the hashed name
    origineel = (BRON / "portaal/kaart.js").read_bytes()
    grootte = {}
    for vraagt, krijgt, uitpakken in [
        ("br, gzip", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ]:
        antwoord = productie_statisch.get(url, HTTP_ACCEPT_ENCODING=vraagt)
        inhoud = b"".join(antwoord.streaming_content)
        assert antwoord.status_code == 200 and antwoord.get("Content-Encoding") == krijgt, vraagt
        assert "Accept-Encoding" in antwoord["Vary"] and "immutable" in antwoord["Cache-Control"]
        assert uitpakken(inhoud) == origineel
        grootte[krijgt] = len(inhoud)
    assert grootte["br"] < grootte["gzip"] < grootte[None]


def test_collectstatic_comprimeert_alleen_wat_veranderde(settings, tmp_path):
    """`make run` runs collectstatic every time: a file whose .br is as new as itself is not compressed
    again (brotli at its best is slow), a changed file is."""
    bron = tmp_path / "bron"
    (bron / "app").mkdir(parents=True)
    js = bron / "app" / "a.js"
    js.write_text("const eerste = 'x';\n" * 200)
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [bron]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.statisch.Gecomprimeerd"}}
    br = settings.STATIC_ROOT / "app" / "a.js.br"

    call_command("collectstatic", "--noinput", verbosity=0)
    eerst = br.stat()
    call_command("collectstatic", "--noinput", verbosity=0)
    assert br.stat().st_ctime_ns == eerst.st_ctime_ns  # not written again (a write changes ctime)

    # Written again with the same bytes, as Django does with the hashed copy of every CSS file: its
    # .gz shows nothing changed, so brotli does not run again.
    kopie = settings.STATIC_ROOT / "app" / "a.js"
    br.write_bytes(b"merkteken")  # stays if brotli does not run
    os.utime(kopie, (eerst.st_mtime + 5, eerst.st_mtime + 5))
    AlleenGewijzigd().compress(str(kopie))
    assert br.read_bytes() == b"merkteken" and br.stat().st_mtime == kopie.stat().st_mtime

    js.write_text("const tweede = 'y';\n" * 200)
    os.utime(js, (eerst.st_mtime + 10, eerst.st_mtime + 10))  # saved later, as an edit is
    call_command("collectstatic", "--noinput", verbosity=0)
    assert brotli.decompress(br.read_bytes()) == js.read_bytes()
    assert gzip.decompress(br.with_suffix(".gz").read_bytes()) == js.read_bytes()
