"""`make screenshots`: the main pages at phone (390×844) and desktop (1366×900) size, as PNG files in
var/screenshots/ (git-ignored), so anyone can look at the portal without clicking through it."""

import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand
from django.core.servers.basehttp import get_internal_wsgi_application

MATEN = {"telefoon": {"width": 390, "height": 844}, "bureau": {"width": 1366, "height": 900}}
PAGINAS = {
    "home": "/",
    "kaart": "/kaart",
    "locatie": "/locatie?adres=Keizerstraat+12",
    "vergunningcheck": "/vergunningcheck/",
    "melden": "/meldingen/nieuw",
    "contact": "/contact",
    "toegankelijkheid": "/toegankelijkheid",
    "ogc-objecten": "/ogc/collections/panden/items?f=html&limit=20",
    "basiskaart": "/basiskaart/",
    "open-data": "/open-data/",
}


class Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Schermafdrukken van de hoofdpagina's op telefoon- en bureaubladformaat (var/screenshots/)."

    def add_arguments(self, parser):
        parser.add_argument("--map", default=str(Path(settings.BASE_DIR) / "var" / "screenshots"))

    def handle(self, *args, map, **options):
        from playwright.sync_api import sync_playwright

        # The project's own WSGI application (settings.WSGI_APPLICATION: Django with MapProxy), named
        # by setting so that dev/ does not import config/.
        portaal = get_internal_wsgi_application()
        uit = Path(map)
        uit.mkdir(parents=True, exist_ok=True)
        server = make_server("127.0.0.1", 0, StaticFilesHandler(portaal), handler_class=Stil)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        basis = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                for maat, viewport in MATEN.items():
                    page = browser.new_page(viewport=viewport)
                    for naam, pad in PAGINAS.items():
                        page.goto(basis + pad)
                        page.wait_for_load_state("networkidle")
                        self._bewaar(page, uit / f"{naam}-{maat}.png")
                    # The map with its panel open, as after searching an address.
                    page.goto(basis + "/kaart")
                    page.fill("#zoek", "Keizerstraat 1")
                    page.locator("#suggesties button").first.click()
                    page.wait_for_selector("#paneel:not([hidden])")
                    page.wait_for_load_state("networkidle")
                    self._bewaar(page, uit / f"kaart-paneel-{maat}.png", heel=False)
                browser.close()
        finally:
            server.shutdown()
        self.stdout.write(f"{len(list(uit.glob('*.png')))} schermafdrukken in {uit}")

    def _bewaar(self, page, pad: Path, heel: bool = True) -> None:
        page.screenshot(path=str(pad), full_page=heel)
        self.stdout.write(f"  {pad.name}")
