"""The basemap's MapProxy configuration: written once per release by `bouw_basiskaart` (atomically), only
read by web processes, so a cold start under parallel requests never answers 500; rewritten when a
kaartlaag or the gemeente's boundary changes, and reloaded by the running portal without a restart."""

import io
import json
import threading
import urllib.error
import urllib.request

import pytest
import yaml
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management import call_command

from kaartlagen.basiskaart import mapfile
from kaartlagen.tegels import tegel_index
from kern import gemeente
from kern.crs import RD_NEW

pytestmark = pytest.mark.django_db(transaction=True)


def _haal(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as antwoord:
            return antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read()


def _tegel(basis: str, dx: int = 0, dy: int = 0) -> str:
    x, y = tegel_index(113_300, 553_300, 16)
    return f"{basis}/basiskaart/tiles/basiskaart/GLOBAL_WEBMERCATOR/16/{x + dx}/{y + dy}.png"


def _bouw() -> str:
    uit = io.StringIO()
    call_command("bouw_basiskaart", stdout=uit)
    return uit.getvalue()


def test_the_command_writes_the_configuration_once(settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    assert "Basiskaart-configuratie geschreven" in _bouw()
    config = yaml.safe_load((settings.BASISKAART_DIR / "mapproxy.yaml").read_text())
    assert [laag["name"] for laag in config["layers"]] == ["basiskaart"]  # from the layer registry
    assert (settings.BASISKAART_DIR / "basiskaart.map").stat().st_mode & 0o777 == 0o600
    assert (settings.BASISKAART_DIR / "mapserver.conf").exists()
    eerst = (settings.BASISKAART_DIR / "mapproxy.yaml").stat()
    assert "Basiskaart-configuratie ongewijzigd" in _bouw()  # a second release with the same registry
    assert (settings.BASISKAART_DIR / "mapproxy.yaml").stat().st_mtime_ns == eerst.st_mtime_ns


def test_a_web_process_only_reads_it_503_until_the_command_ran(portalen, settings):
    basis = portalen(basiskaart=False)  # a release that skipped `bouw_basiskaart`
    status, inhoud = _haal(_tegel(basis))
    probleem = json.loads(inhoud)
    assert status == 503 and probleem["code"] == "basiskaart_niet_gebouwd"
    assert "manage.py bouw_basiskaart" in probleem["detail"]
    status, inhoud = _haal(f"{basis}/gereed")
    assert status == 503 and "basiskaart" in json.loads(inhoud)["problemen"][0]
    assert not settings.BASISKAART_DIR.exists(), "een webproces schrijft de configuratie niet"

    _bouw()  # the release step, run late: the same running portal now serves the basemap
    status, inhoud = _haal(_tegel(basis))
    assert status == 200 and inhoud.startswith(b"\x89PNG")
    assert _haal(f"{basis}/gereed")[0] == 200


def test_twenty_basemap_tiles_at_once_on_a_cold_start(portalen, settings):
    basis = portalen(parallel=True)  # the command wrote the configuration; MapProxy is not loaded yet
    config = settings.BASISKAART_DIR / "mapproxy.yaml"
    geschreven = config.stat()
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
    # Twenty requests in four threads of one process read the file; none wrote it again.
    assert (config.stat().st_ino, config.stat().st_mtime_ns) == (geschreven.st_ino, geschreven.st_mtime_ns)


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


def test_a_new_boundary_rewrites_the_basemap_extent(settings):
    from kern.models import Gemeentegrens

    settings.GEMEENTE_CBS_CODE = "GM9999"
    settings.GEMEENTE_BBOX_RD = (100_000.0, 540_000.0, 120_000.0, 560_000.0)
    gemeente.vergeet_grens()
    _bouw()
    pad = settings.BASISKAART_DIR / "mapproxy.yaml"

    def dekking():
        return yaml.safe_load(pad.read_text())["sources"]["basiskaart_ms"]["coverage"]["bbox"]

    assert dekking() == [100_000.0, 540_000.0, 120_000.0, 560_000.0]
    try:
        vlak = Polygon.from_bbox((110_000, 545_000, 115_000, 558_000))
        Gemeentegrens.objects.create(cbs_code="GM9999", naam="Proef", geom=MultiPolygon(vlak, srid=RD_NEW))
        assert dekking() == [110_000.0, 545_000.0, 115_000.0, 558_000.0]
        assert (
            "EXTENT 110000.0 545000.0 115000.0 558000.0"
            in (settings.BASISKAART_DIR / "basiskaart.map").read_text()
        )
    finally:
        gemeente.vergeet_grens()


def test_writing_is_atomic_and_only_when_the_text_changed(tmp_path):
    pad = tmp_path / "mapproxy.yaml"
    assert mapfile.schrijf_atomair(pad, "a: 1\n") is True
    eerste = pad.stat().st_ino
    assert mapfile.schrijf_atomair(pad, "a: 1\n") is False and pad.stat().st_ino == eerste
    assert mapfile.schrijf_atomair(pad, "a: 2\n", modus=0o600) is True
    assert pad.read_text() == "a: 2\n" and pad.stat().st_ino != eerste  # a new file renamed into place
    assert pad.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["mapproxy.yaml"], "geen halve tijdelijke bestanden"
