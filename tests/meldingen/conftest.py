"""Fixtures for the meldingen tests: a place in buurt Centrum next to Keizerstraat 12a (the shared
`adressen` fixture), staff in teams, images with EXIF, and a real SMTP server on 127.0.0.1."""

import io
import socket

import pytest
from django.contrib.auth.models import Permission, User
from PIL import Image

from kern.crs import RD_NEW, naar_wgs84
from loket.zaken.models import Team

# Inside buurt Centrum (112900–113200, 552900–553200), 5 m from Keizerstraat 12a's verblijfsobject.
PUNT_RD = (113010.0, 553005.0)
PUNT_LL = naar_wgs84(*PUNT_RD)


def melding_data(**extra) -> dict:
    return {
        "categorie": "losse-stoeptegel",
        "omschrijving": "Er ligt een stoeptegel los voor nummer 12a.",
        "x": PUNT_RD[0],
        "y": PUNT_RD[1],
        "crs": "rd",
        **extra,
    }


@pytest.fixture
def meld(client):
    """POST to the public API; returns the response."""

    def _meld(fmt="json", **extra):
        data = {k: v for k, v in melding_data(**extra).items() if v is not None}
        if fmt == "json":
            return client.post("/api/meldingen", data, content_type="application/json")
        return client.post("/api/meldingen", data)

    return _meld


def foto(formaat="JPEG", exif=True, grootte=(64, 48)) -> bytes:
    beeld = Image.new("RGB", grootte, (200, 30, 30))
    uit = io.BytesIO()
    if formaat == "JPEG" and exif:
        gegevens = Image.Exif()
        gegevens[0x010F] = "Cameramerk"  # Make
        gegevens[0x8825] = {1: "N", 2: (52.0, 57.0, 30.0), 3: "E", 4: (4.0, 45.0, 10.0)}  # GPS
        beeld.save(uit, "JPEG", exif=gegevens)
    elif formaat == "PNG":
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "geheim")
        beeld.save(uit, "PNG", pnginfo=info)
    else:
        beeld.save(uit, formaat)
    return uit.getvalue()


@pytest.fixture
def teams(db):
    return {t.code: t for t in Team.objects.all()}


def medewerker(naam: str, *teams, contact: bool = False, alles: bool = False) -> User:
    user = User.objects.create_user(naam, password="geheim-wachtwoord-1", is_staff=True)
    for team in teams:
        team.leden.add(user)
    if contact:
        user.user_permissions.add(Permission.objects.get(codename="contactgegevens_zien"))
    if alles:
        user.user_permissions.add(Permission.objects.get(codename="alle_zaken"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def smtp_server():
    """aiosmtpd on 127.0.0.1 and a free port; yields the list of received messages."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Ontvangen(list):
        poort: int

    ontvangen = Ontvangen()

    class Bewaar(Message):
        def handle_message(self, message):
            ontvangen.append(message)

    # aiosmtpd's start() connects to its own port to check it is up, so it needs a real number.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    controller = Controller(Bewaar(), hostname="127.0.0.1", port=poort)
    controller.start()
    ontvangen.poort = poort
    yield ontvangen
    controller.stop()


@pytest.fixture
def rd_srid():
    return RD_NEW


@pytest.fixture
def meldingen_basis():
    """The zaaktype, teams, categories and rules the migrations make. A transactional test flushes
    them afterwards, so transactional tests ask for this (like `standaard_lagen`)."""
    import importlib

    from django.apps import apps

    importlib.import_module("loket.meldingen.migrations.0002_zaaktype_kaartlaag_voorbeelden").maak(apps, None)


@pytest.fixture(autouse=True)
def categorieen(request):
    """The sample teams, categories and routing rules these tests speak of. Migrations make none (a
    production database gets the municipality's own), so every test that uses the database gets them."""
    gebruikt_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if gebruikt_db:
        from dev.sample.meldingen import maak_categorieen

        maak_categorieen()
