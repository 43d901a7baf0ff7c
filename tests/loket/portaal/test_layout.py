"""The one site layout: header, skip link, navigation from one list, footer, the pages it links to."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import include, path

from config import urls as config_urls
from loket.portaal import navigatie

pytestmark = pytest.mark.django_db


def _titel(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_every_page_has_skip_link_navigation_footer_and_its_own_title(client):
    for pad, titel in [
        ("/", "Welkom"),
        ("/kaart", "Kaart"),
        ("/vergunningcheck/", "Mag ik hier"),
        ("/meldingen/nieuw", "Melding doen"),
        ("/contact", "Contact"),
        ("/privacyverklaring", "Privacyverklaring"),
        ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/proclaimer", "Proclaimer"),
    ]:
        html = client.get(pad).content.decode()
        assert _titel(html).startswith(titel), pad
        assert _titel(html).endswith("Omgevingsloket gemeente Den Helder"), pad
        assert 'href="#inhoud">Naar de inhoud</a>' in html and 'id="inhoud"' in html, pad
        assert 'aria-label="Hoofdmenu"' in html and 'href="/vergunningcheck/"' in html, pad
        for voet in ("/contact", "/privacyverklaring", "/toegankelijkheid"):
            assert f'href="{voet}"' in html, pad
        assert "14 0223" in html and "info@denhelder.nl" in html, "contact komt uit kern.gemeente"


def test_the_current_section_is_marked_in_the_navigation(client):
    html = client.get("/vergunningcheck/").content.decode()
    assert re.search(r'href="/vergunningcheck/" aria-current="page"', html)
    assert not re.search(r'href="/kaart" aria-current', html)


def test_contact_comes_from_the_configured_municipality(client, settings):
    settings.GEMEENTE_NAAM, settings.GEMEENTE_TELEFOON = "Doesburg", "0313 123 456"
    settings.GEMEENTE_EMAIL = "info@doesburg.example"
    html = client.get("/contact").content.decode()
    assert "Gemeente Doesburg" in html and 'href="tel:0313123456"' in html
    assert "info@doesburg.example" in html and "Den Helder" not in html


def test_navigation_lists_an_entry_only_when_its_url_name_resolves(rf, settings):
    verzoek = rf.get("/")
    verzoek.user = get_user_model()(is_staff=False)
    teksten = [link["tekst"] for link in navigatie.menu(verzoek)]
    # Buurtberichten is installed (loket/buurtberichten); the dashboard is for staff only.
    assert teksten == ["Kaart", "Adres zoeken", "Mag ik hier …?", "Melden", "Buurtberichten", "Open data"]


def _stand_in(request):
    raise AssertionError("alleen om de URL-naam te laten bestaan")


# The real site plus stand-ins for the apps other streams add (buurtberichten, buurtdashboard).
urlpatterns = [
    *config_urls.urlpatterns,
    path("buurtberichten/", include(([path("", _stand_in, name="start")], "buurtberichten"))),
    path("dashboard/", include(([path("", _stand_in, name="start")], "buurtdashboard"))),
]


def test_buurtberichten_and_staff_only_dashboard_appear_once_their_apps_exist(rf, settings):
    settings.ROOT_URLCONF = __name__
    verzoek = rf.get("/buurtberichten/")
    verzoek.user = get_user_model()(is_staff=False)
    links = navigatie.menu(verzoek)
    assert [link["tekst"] for link in links][4:] == ["Buurtberichten", "Open data"]
    assert links[4]["huidig"] and links[4]["url"] == "/buurtberichten/"
    verzoek.user = get_user_model()(is_staff=True)
    assert [link["tekst"] for link in navigatie.menu(verzoek)][4:] == [
        "Buurtberichten",
        "Dashboard",
        "Open data",
    ]


def test_favicon_and_vendored_design_system_are_served_locally(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and "portaal/favicon.svg" in html
    assert "vendor/nl-design-system/nl-design-system.css" in html and "portaal/thema/den-helder.css" in html
    assets = re.findall(r'<(?:link|script|img)[^>]*(?:href|src)="([^"]*)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    antwoord = client.get("/favicon.ico")
    assert antwoord.status_code == 301 and antwoord["Location"].endswith("portaal/favicon.svg")
