"""What the meldingen tests speak of: a place in buurt Centrum next to Keizerstraat 12a (the shared
`adressen` fixture), the body of a melding, and images with metadata to strip."""

import io

from PIL import Image

from kern.crs import naar_wgs84
from kern.mail import verzending
from loket.meldingen import mails
from tests.support.outbox import wacht_tot_gebeurtenissen_vrij

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


def verstuur() -> int:
    """The outbox consumer's run, once the events written so far may be read (tests/support/outbox.py),
    then the mail outbox's send job; returns how many mails went out."""
    wacht_tot_gebeurtenissen_vrij()
    mails.plan()
    return verzending.verstuur().verstuurd


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
