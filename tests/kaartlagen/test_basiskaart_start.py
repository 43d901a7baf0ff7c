"""The basemap's MapProxy configuration: written once and atomically, so a cold start under parallel
requests never answers 500, and reloaded when a kaartlaag changes, without restarting the portal."""

import threading
import urllib.error
import urllib.request

import pytest

from kaartlagen.basiskaart import mapfile
from kaartlagen.tegels import tegel_index

pytestmark = pytest.mark.django_db(transaction=True)


def _haal(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as antwoord:
            return antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read()


def test_twenty_basemap_tiles_at_once_on_a_cold_start(portalen, settings):
    basis = portalen(parallel=True)
    assert not (settings.BASISKAART_DIR / "mapproxy.yaml").exists(), "een koude start"
    x, y = tegel_index(113_300, 553_300, 16)
    urls = [
        f"{basis}/basiskaart/tiles/basiskaart/GLOBAL_WEBMERCATOR/16/{x + i % 5}/{y + i // 5}.png"
        for i in range(20)
    ]
    antwoorden: dict[str, tuple[int, bytes]] = {}
    start = threading.Barrier(len(urls))

    def vraag(url):
        start.wait()  # all twenty leave together, as a browser's first map view does
        antwoorden[url] = _haal(url)

    draden = [threading.Thread(target=vraag, args=(url,)) for url in urls]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    fouten = {url: status for url, (status, _) in antwoorden.items() if status != 200}
    assert fouten == {}, fouten
    assert all(inhoud.startswith(b"\x89PNG") for _, inhoud in antwoorden.values())


def test_configuration_is_rewritten_and_reloaded_when_a_kaartlaag_changes(portalen, settings):
    from kaartlagen.models import Kaartlaag

    basis = portalen(parallel=True)
    capabilities = f"{basis}/basiskaart/service?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"
    status, xml = _haal(capabilities)
    assert status == 200 and b"<Name>luchtfoto-test</Name>" not in xml
    Kaartlaag.objects.create(
        naam="luchtfoto-test", titel="Test-ondergrond", groep="Ondergrond", soort=Kaartlaag.Soort.BASISKAART
    )
    # The same running portal (no restart) now offers the new layer.
    status, xml = _haal(capabilities)
    assert status == 200 and b"<Name>luchtfoto-test</Name>" in xml


def test_writing_is_atomic_and_only_when_the_text_changed(tmp_path):
    pad = tmp_path / "mapproxy.yaml"
    assert mapfile.schrijf_atomair(pad, "a: 1\n") is True
    eerste = pad.stat().st_ino
    assert mapfile.schrijf_atomair(pad, "a: 1\n") is False and pad.stat().st_ino == eerste
    assert mapfile.schrijf_atomair(pad, "a: 2\n", modus=0o600) is True
    assert pad.read_text() == "a: 2\n" and pad.stat().st_ino != eerste  # a new file renamed into place
    assert pad.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["mapproxy.yaml"], "geen halve tijdelijke bestanden"
