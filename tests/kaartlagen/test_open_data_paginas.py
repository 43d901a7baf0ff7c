"""The open-data pages in the whole portal and in a browser: /basiskaart/ as a landing page with
MapProxy below it, the OGC API pages and the register, at phone and desktop size with axe, and by
keyboard only."""

import re
import urllib.request
from html import unescape

import pytest

from kaartlagen.tegels import tegel_index
from tests.support.adressen import PAND_12A
from tests.support.browser import (
    BUREAU,
    TELEFOON,
    axe_schoon,
    controleer_schoon,
    koppen_breken_netjes,
    nieuwe_pagina,
    tab_naar,
)

pytestmark = pytest.mark.django_db(transaction=True)

PAGINAS = [
    "/ogc/",
    "/ogc/conformance",
    "/ogc/collections",
    "/ogc/collections/panden",
    "/ogc/collections/panden/items?limit=2",
    f"/ogc/collections/panden/items/{PAND_12A}",
    "/basiskaart/",
    "/open-data/",
]


def _haal(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as antwoord:  # noqa: S310 (our own test server)
        return antwoord.status, antwoord.headers["Content-Type"], antwoord.read()


def test_basiskaart_landing_page_with_mapproxy_below_it(portaal_server):
    status, soort, inhoud = _haal(f"{portaal_server}/basiskaart/")
    pagina = inhoud.decode()
    assert status == 200 and soort.startswith("text/html")
    assert "<title>Basiskaart – Omgevingsloket gemeente" in pagina and "BGT" in pagina
    urls = {unescape(u) for u in re.findall(r'<input id="url-[^"]+" type="text" value="([^"]+)"', pagina)}
    assert len(urls) == 6, urls
    # Every URL on the page works as copied: capabilities are XML, the tile templates give images.
    x, y = tegel_index(113_300, 553_300, 15)
    for url in urls:
        if "nl_rd" in url:  # level 0 of the Dutch grid: one tile for the whole country
            url = url.replace("{TileMatrix}/{TileCol}/{TileRow}", "0/0/0")
        url = url.replace("{z}", "15").replace("{x}", str(x)).replace("{y}", str(y))
        url = url.replace("{TileMatrix}", "15").replace("{TileCol}", str(x)).replace("{TileRow}", str(y))
        status, soort, inhoud = _haal(url)
        assert status == 200, url
        assert soort.startswith(("image/png", "application/xml", "text/xml")), (url, soort)
    assert (
        b"WMS_Capabilities"
        in _haal(f"{portaal_server}/basiskaart/service?SERVICE=WMS&REQUEST=GetCapabilities")[2]
    )


def test_pages_have_no_axe_violations_on_a_phone_and_a_desktop(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    for viewport in (TELEFOON, BUREAU):
        page.set_viewport_size(viewport)
        for pad in PAGINAS:
            page.goto(portaal_server + pad)  # a browser's own Accept header: the HTML form
            assert page.title().endswith(" – Omgevingsloket gemeente Den Helder"), pad
            axe_schoon(page, f"{pad} op {viewport['width']} px")
            breedte = page.evaluate("document.documentElement.scrollWidth")
            assert breedte <= viewport["width"], f"{pad} schuift opzij op {viewport['width']} px"
            assert koppen_breken_netjes(page) == [], f"{pad} op {viewport['width']} px"
    controleer_schoon(page, portaal_server)


def test_items_map_and_paging_by_keyboard(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser, TELEFOON)
    page.goto(portaal_server + "/ogc/collections/panden/items?limit=1")
    page.wait_for_selector("#kleine-kaart.leaflet-container")
    assert page.locator("#kleine-kaart .leaflet-overlay-pane path").count() == 1, "het pand op de kaart"
    assert page.locator("tbody tr").count() == 1
    tab_naar(page, "a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"offset=1"))
    assert "Objecten 2 tot en met 2 van de 3." in page.inner_text("main")
    controleer_schoon(page, portaal_server)


def test_copy_a_basemap_url_by_keyboard(portaal_server, browser):
    page = nieuwe_pagina(browser, TELEFOON)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(portaal_server + "/basiskaart/")
    tab_naar(page, "button[data-kopieer='url-wms']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#url-wms-status:has-text('Gekopieerd.')")
    gekopieerd = page.evaluate("navigator.clipboard.readText()")
    assert gekopieerd == page.input_value("#url-wms") and "REQUEST=GetCapabilities" in gekopieerd
    controleer_schoon(page, portaal_server)
