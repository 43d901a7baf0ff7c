"""Error pages in Dutch and in the portal's look, not Django's bare English ones (DEBUG is off in
`make run` and production)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from tests.support.browser import TELEFOON, axe_schoon, koppen_breken_netjes, nieuwe_pagina


def test_a_missing_page_says_so_and_where_to_go(client, db):
    r = client.get("/deze-pagina-bestaat-niet")
    tekst = r.content.decode()
    assert r.status_code == 404
    assert "<h1>Deze pagina bestaat niet</h1>" in tekst and "Naar de inhoud" in tekst  # the portal's base
    assert 'href="/kaart"' in tekst and "Not Found" not in tekst


def test_a_server_error_page_needs_no_database(settings, django_assert_num_queries, db):
    settings.GEMEENTE_TELEFOON = "14 0999"
    verzoek = RequestFactory().get("/ergens")
    with django_assert_num_queries(0):
        r = get_resolver().resolve_error_handler(500)(verzoek)
    tekst = r.content.decode()
    assert r.status_code == 500
    assert "<h1>Er ging bij ons iets mis</h1>" in tekst and 'href="tel:140999"' in tekst
    assert f"portaal/thema/{settings.GEMEENTE_THEMA}" in tekst


@pytest.mark.parametrize(
    ("status", "fout", "kop"),
    [
        (403, PermissionDenied(), "U mag deze pagina niet bekijken"),
        (400, None, "Dit verzoek begrijpen wij niet"),
    ],
)
def test_refusals_in_dutch(db, status, fout, kop):
    from django.contrib.auth.models import AnonymousUser

    verzoek = RequestFactory().get("/ergens")
    verzoek.user = AnonymousUser()
    r = get_resolver().resolve_error_handler(status)(verzoek, exception=fout)
    assert r.status_code == status and f"<h1>{kop}</h1>" in r.content.decode()


def test_an_expired_form_says_what_to_do(db):
    r = Client(enforce_csrf_checks=True).post(
        reverse("meldingen:inloggen"), {"username": "x", "password": "y"}
    )
    tekst = r.content.decode()
    assert r.status_code == 403
    assert "<h1>Dit formulier is verlopen</h1>" in tekst and "CSRF" not in tekst


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_missing_page_passes_axe_on_a_phone(portaal_server, browser):
    page = nieuwe_pagina(browser, TELEFOON)
    page.goto(portaal_server + "/deze-pagina-bestaat-niet")
    axe_schoon(page, "404")
    assert koppen_breken_netjes(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
