"""`make screenshots`: the main pages at phone (390×844) and desktop (1366×900) size, as PNG files in
var/screenshots/ (git-ignored), so anyone can look at the portal without clicking through it.

The backoffice too (the meldingen and the DSO vergunningaanvragen: list, map and a detail page): the
command makes a throw-away medewerker in the database it shoots, with a password generated for this
run and the permission for every zaaktype, logs in through the login page like a person would, and
removes the account again when it is done (also when a page fails)."""

import secrets
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import get_internal_wsgi_application
from django.db import connections

from loket.zaken.toegang import PREFIX

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
# Per backoffice section its list page (with the map beside the list); the detail is its first zaak.
BACKOFFICE = {
    "meldingen": "/backoffice/",
    "vergunningaanvragen": "/backoffice/vergunningaanvragen/",
}
DELEN = ("openbaar", "backoffice")


class Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Schermafdrukken van de hoofdpagina's op telefoon- en bureaubladformaat (var/screenshots/)."

    def add_arguments(self, parser):
        parser.add_argument("--map", default=str(Path(settings.BASE_DIR) / "var" / "screenshots"))
        parser.add_argument(
            "--deel", choices=DELEN, action="append", help="alleen dit deel (standaard: allebei)"
        )

    def handle(self, *args, map, deel, **options):
        from playwright.sync_api import sync_playwright

        delen = deel or DELEN
        # As a release does before its web processes start: the basemap's configuration, which the
        # portal below only reads (docs/basiskaart.md).
        call_command("bouw_basiskaart", verbosity=0)
        # The project's own WSGI application (settings.WSGI_APPLICATION: Django with MapProxy), named
        # by setting so that dev/ does not import config/.
        portaal = get_internal_wsgi_application()
        uit = Path(map)
        uit.mkdir(parents=True, exist_ok=True)
        server = make_server("127.0.0.1", 0, StaticFilesHandler(portaal), handler_class=Stil)
        draad = threading.Thread(target=_dien, args=(server,), daemon=True)
        draad.start()
        basis = f"http://127.0.0.1:{server.server_port}"
        medewerker = None
        try:
            # Made before Playwright starts: its event loop in this thread would forbid the ORM.
            if "backoffice" in delen:
                medewerker, wachtwoord = _wegwerp_medewerker()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                for maat, viewport in MATEN.items():
                    page = browser.new_page(viewport=viewport)
                    if "openbaar" in delen:
                        self._openbaar(page, basis, maat, uit)
                    if medewerker is not None:
                        self._inloggen(page, basis, medewerker.username, wachtwoord)
                        for sectie, pad in BACKOFFICE.items():
                            self._backoffice(page, basis + pad, sectie, maat, uit)
                    page.close()
                browser.close()
        finally:
            server.shutdown()
            draad.join()
            if medewerker is not None:
                medewerker.delete()
        self.stdout.write(f"{len(list(uit.glob('*.png')))} schermafdrukken in {uit}")

    def _openbaar(self, page, basis: str, maat: str, uit: Path) -> None:
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

    def _inloggen(self, page, basis: str, naam: str, wachtwoord: str) -> None:
        page.goto(basis + "/backoffice/inloggen")
        page.fill("#id_username", naam)
        page.fill("#id_password", wachtwoord)
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        if "/inloggen" in page.url:
            raise CommandError(
                "Inloggen in de backoffice lukte niet: geen schermafdrukken van de backoffice."
            )

    def _backoffice(self, page, lijst: str, sectie: str, maat: str, uit: Path) -> None:
        antwoord = page.goto(lijst)
        if antwoord is None or not antwoord.ok or "/inloggen" in page.url:
            raise CommandError(f"{lijst} ging niet open voor de medewerker.")
        page.wait_for_selector("#bokaart .leaflet-tile-loaded")
        page.wait_for_load_state("networkidle")
        self._bewaar(page, uit / f"backoffice-{sectie}-lijst-{maat}.png")
        page.locator("#bokaart").screenshot(path=str(uit / f"backoffice-{sectie}-kaart-{maat}.png"))
        self.stdout.write(f"  backoffice-{sectie}-kaart-{maat}.png")
        eerste = page.locator("main table tbody td a").first
        if not eerste.count():
            self.stderr.write(f"  Geen zaken in {lijst}: geen detailpagina (`make demo` laadt voorbeelden).")
            return
        eerste.click()
        page.wait_for_load_state("networkidle")
        self._bewaar(page, uit / f"backoffice-{sectie}-detail-{maat}.png")

    def _bewaar(self, page, pad: Path, heel: bool = True) -> None:
        page.screenshot(path=str(pad), full_page=heel)
        self.stdout.write(f"  {pad.name}")


def _dien(server) -> None:
    try:
        server.serve_forever()
    finally:
        connections.close_all()  # this thread's own: a database may be dropped after the run


def _wegwerp_medewerker():
    """A staff account for this run only, allowed to see every zaaktype; its password exists nowhere else."""
    wachtwoord = secrets.token_urlsafe(32)
    medewerker = get_user_model().objects.create_user(
        f"schermafdrukken-{secrets.token_hex(4)}", password=wachtwoord, is_staff=True
    )
    medewerker.user_permissions.set(
        Permission.objects.filter(content_type__app_label="zaken", codename__startswith=PREFIX)
    )
    return medewerker, wachtwoord
