"""The public pages in a real browser (Debian's Chromium via Playwright): WCAG checks with axe-core,
keyboard-only use, and no request leaving the machine."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGINAS = ["/", "/locatie", "/locatie?adres=Keizerstraat+12a", "/locatie?adres=Nergensstraat+99"]


@pytest.fixture
def pagina(live_server):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (make installeert het pakket chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM work is done before it starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        page = browser.new_page()
        page.buiten, page.csp = [], []
        page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.buiten.append(r.url))
        page.on("console", lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None)
        yield page
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def test_public_pages_have_no_axe_violations_and_stay_local(adressen, pagina, live_server):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for pad in PAGINAS:
        pagina.goto(live_server.url + pad)
        resultaat = axe.run(pagina)
        assert resultaat.violations_count == 0, f"{pad}:\n{resultaat.generate_report()}"
    assert pagina.buiten == []
    assert pagina.csp == [], "de pagina's schenden hun eigen Content-Security-Policy"


def test_search_an_address_with_the_keyboard_only(adressen, pagina, live_server):
    pagina.goto(live_server.url + "/locatie")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.id") == "adres"
    pagina.keyboard.type("Keizerstraat 12a")
    pagina.keyboard.press("Enter")
    pagina.wait_for_load_state()
    assert "Keizerstraat 12a, 1781AB Den Helder" in pagina.inner_text("main")
    assert "1890" in pagina.inner_text("main")
