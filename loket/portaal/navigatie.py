"""The site navigation, defined once: every page's header lists these entries.

An entry appears only when its URL name resolves, so an app that is not installed (or not yet built)
simply has no entry, and a staff-only entry only for a logged-in medewerker.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Ingang:
    tekst: str
    url_naam: str
    alleen_medewerkers: bool = False


NAVIGATIE = (
    Ingang("Kaart", "portaal:kaart"),
    Ingang("Adres zoeken", "portaal:locatie"),
    Ingang("Mag ik hier …?", "vergunningcheck"),
    Ingang("Melden", "meldingen:melden"),
    Ingang("Buurtberichten", "buurtberichten:start"),
    Ingang("Dashboard", "buurtdashboard:start", alleen_medewerkers=True),
    Ingang("Open data", "kaartlagen:open-data"),
)

VOETTEKST = (
    Ingang("Contact", "portaal:contact"),
    Ingang("Privacyverklaring", "portaal:privacy"),
    Ingang("Toegankelijkheidsverklaring", "portaal:toegankelijkheid"),
    Ingang("Proclaimer", "portaal:proclaimer"),
)


def _links(ingangen, request) -> list[dict]:
    medewerker = getattr(getattr(request, "user", None), "is_staff", False)
    pad = getattr(request, "path", "")
    links = []
    for ingang in ingangen:
        if ingang.alleen_medewerkers and not medewerker:
            continue
        try:
            url = reverse(ingang.url_naam)
        except NoReverseMatch:
            continue
        # A section is "current" on its own page and the pages below it (/vergunningcheck/… steps).
        huidig = pad == url or (url != "/" and url.endswith("/") and pad.startswith(url))
        links.append({"tekst": ingang.tekst, "url": url, "huidig": huidig})
    return links


def menu(request) -> list[dict]:
    return _links(NAVIGATIE, request)


def voettekst(request) -> list[dict]:
    return _links(VOETTEKST, request)
