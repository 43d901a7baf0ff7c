"""Buurtberichten in a real browser (Debian's Chromium via Playwright): subscribing with the keyboard
only, on a phone-sized screen, drawing an area on the map; confirming, managing and unsubscribing.
axe-core finds no violations, no request leaves 127.0.0.1 and the strict CSP holds."""

import re

import pytest
from playwright.sync_api import expect

from loket.buurtberichten.models import Abonnement
from tests.loket.buurtberichten.helpers import geplande_mails
from tests.support.browser import axe_schoon, controleer_schoon, in_db, nieuwe_pagina, tab_naar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_aanmelden_met_alleen_het_toetsenbord(buurt, portaal_server, browser):
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/buurtberichten/")
    page.wait_for_load_state("networkidle")
    axe_schoon(page, "aanmeldpagina")
    tab_naar(page, "#adres")
    page.keyboard.type("Keizerstraat 12")
    page.wait_for_selector("#suggesties button")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#adres_id")).not_to_have_value("")
    page.keyboard.press("Tab")  # past the list (now empty) to the distance
    tab_naar(page, "#straal")
    page.keyboard.press("ArrowDown")  # 250 → 500 m
    tab_naar(page, "input[name=frequentie]:checked")  # a radio group: Tab to it, arrows within
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("#frequentie-direct")
    tab_naar(page, "#email")
    page.keyboard.type("toetsenbord@example.org")
    tab_naar(page, "#toestemming")
    page.keyboard.press("Space")
    tab_naar(page, "button[type=submit].knop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buurtberichten/aangemeld")
    assert "Kijk in uw e-mail" in page.inner_text("main")
    axe_schoon(page, "aangemeld")
    abo = in_db(lambda: Abonnement.objects.prefetch_related("gebieden").get())
    assert abo.email == "toetsenbord@example.org" and abo.frequentie == "direct"
    assert abo.gebieden.get().straal_m == 500

    # The confirmation link from the mail, then the manage page: pause, with the keyboard only.
    link = re.search(r"http\S+/buurtberichten/bevestig/\S+", in_db(geplande_mails)[0]["tekst"]).group(0)
    page.goto(portaal_server + link[link.index("/buurtberichten/") :])
    axe_schoon(page, "bevestigen")
    tab_naar(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buurtberichten/beheer/**")
    assert "bevestigd" in page.inner_text("main")
    axe_schoon(page, "beheerpagina")
    tab_naar(page, "#kop-pauze ~ form button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=We sturen u even niets.")
    assert in_db(lambda: Abonnement.objects.get().gepauzeerd)
    controleer_schoon(page, portaal_server)


def test_op_een_telefoon_en_afmelden(buurt, portaal_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.verzoeken, page.csp = [], []
    page.on("request", lambda r: page.verzoeken.append(r.url))
    page.on("console", lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(portaal_server + "/buurtberichten/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontaal scrollen"
    axe_schoon(page, "aanmeldpagina op een telefoon")
    page.check("#soort-buurt")
    page.select_option("#buurt", buurt)
    page.fill("#email", "telefoon@example.org")
    page.check("#toestemming")
    page.click("button[type=submit].knop")
    page.wait_for_url("**/buurtberichten/aangemeld")
    abo = in_db(lambda: Abonnement.objects.get())
    page.goto(f"{portaal_server}/buurtberichten/afmelden/{abo.token}")
    axe_schoon(page, "afmelden op een telefoon")
    page.click("main button[type=submit]")
    assert "U bent afgemeld" in page.inner_text("main")
    assert in_db(lambda: Abonnement.objects.count()) == 0
    controleer_schoon(page, portaal_server)
    context.close()


def test_gebied_tekenen_op_de_kaart(buurt, portaal_server, browser):
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/buurtberichten/")
    page.wait_for_selector("#tekenen:not([hidden])")
    kaart = page.locator("#tekenkaart")
    doos = kaart.bounding_box()
    midden = (doos["width"] / 2, doos["height"] / 2)
    for dx, dy in [(-30, -30), (30, -30), (30, 30), (-30, 30)]:
        kaart.click(position={"x": midden[0] + dx, "y": midden[1] + dy})
    page.click("#teken-klaar")
    assert "klaar" in page.inner_text("#teken-status")
    assert page.is_checked("#soort-getekend")
    page.fill("#email", "tekenaar@example.org")
    page.check("#toestemming")
    page.click("button[type=submit].knop")
    page.wait_for_url("**/buurtberichten/aangemeld")
    gebied = in_db(lambda: Abonnement.objects.get().gebieden.get())
    assert gebied.soort == "getekend" and 0 < gebied.geom.area < 10_000_000
    controleer_schoon(page, portaal_server)
