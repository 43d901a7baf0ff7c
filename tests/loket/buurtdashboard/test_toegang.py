"""Access per role and per gebied, for every page, API call and export; and the log of every view."""

import pytest
from django.urls import reverse

from loket.buurtdashboard.models import Inzage
from tests.loket.buurtdashboard.conftest import BUURT_A1, BUURT_B1, WIJK_A, WIJK_B

GEMEENTE = "GM0400"


def urls(code):
    """Every dashboard URL that shows one gebied: page, exports, API."""
    from loket.buurtdashboard.overzicht import TABELLEN

    return [
        reverse("buurtdashboard:gebied", args=[code]),
        *[reverse("buurtdashboard:export", args=[code, t]) for t in TABELLEN],
        reverse("buurtdashboard:api-gebied", args=[code]),
    ]


def alle_urls(code):
    from loket.buurtdashboard.views import EXTRA_URLS

    return urls(code) + [reverse(naam, args=[code]) for naam in EXTRA_URLS]


@pytest.mark.parametrize("code", [WIJK_B, BUURT_B1])
def test_gebiedsmanager_wordt_geweigerd_buiten_eigen_wijken(client, gebiedsmanager, code):
    client.force_login(gebiedsmanager)
    for url in alle_urls(code):
        response = client.get(url)
        assert response.status_code == 403, url
        if "/api/" in url:
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["code"] == "gebied_niet_toegestaan"
    assert not Inzage.objects.exists()


@pytest.mark.parametrize("code", [WIJK_A, BUURT_A1, GEMEENTE])
def test_gebiedsmanager_ziet_eigen_wijk_en_buurten_en_de_gemeente(client, gebiedsmanager, code):
    client.force_login(gebiedsmanager)
    for url in alle_urls(code):
        assert client.get(url).status_code == 200, url
    assert Inzage.objects.filter(gebruiker=gebiedsmanager, gebied=code).count() == len(alle_urls(code))


def test_gemeentepagina_van_gebiedsmanager_toont_alleen_eigen_wijken(client, gebiedsmanager):
    client.force_login(gebiedsmanager)
    tekst = client.get(reverse("buurtdashboard:gebied", args=[GEMEENTE])).content.decode()
    assert "Wijk A" in tekst and "Wijk B" not in tekst
    start = client.get(reverse("buurtdashboard:start")).content.decode()
    assert "Wijk A" in start and "Wijk B" not in start
    kolommen = client.get(reverse("buurtdashboard:api-gebied", args=[GEMEENTE])).json()["kolommen"]
    assert [k["code"] for k in kolommen] == [GEMEENTE, WIJK_A]
    export = client.get(reverse("buurtdashboard:export", args=[GEMEENTE, "kerncijfers"])).content.decode()
    assert "Wijk A" in export and "Wijk B" not in export


@pytest.mark.parametrize("rol", ["medewerker", "beheerder"])
def test_medewerker_en_beheerder_zien_alles(client, request, rol):
    user = request.getfixturevalue(rol)
    client.force_login(user)
    for code in (WIJK_A, WIJK_B, BUURT_B1, GEMEENTE):
        for url in alle_urls(code):
            assert client.get(url).status_code == 200, url
    start = client.get(reverse("buurtdashboard:start")).content.decode()
    assert "Wijk A" in start and "Wijk B" in start


def test_zonder_rol_geen_dashboard(client, zonder_rol):
    client.force_login(zonder_rol)
    assert client.get(reverse("buurtdashboard:start")).status_code == 403
    for url in alle_urls(WIJK_A):
        assert client.get(url).status_code == 403, url
    assert (
        client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_A])).json()["code"] == "geen_dashboardrol"
    )


def test_niet_ingelogd_naar_de_inlogpagina_of_401(client, gebied):
    response = client.get(reverse("buurtdashboard:gebied", args=[WIJK_A]))
    assert response.status_code == 302 and response["Location"].startswith("/backoffice/inloggen?next=")
    assert client.get(reverse("buurtdashboard:start")).status_code == 302
    assert client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_A])).status_code in (401, 403)


def test_onbekend_gebied_is_404(client, medewerker):
    client.force_login(medewerker)
    assert client.get(reverse("buurtdashboard:gebied", args=["WK999999"])).status_code == 404
    response = client.get(reverse("buurtdashboard:api-gebied", args=["BU04009999"]))
    assert response.status_code == 404 and response.json()["code"] == "gebied_onbekend"


def test_inzage_legt_wie_wanneer_welk_gebied_vast_en_verder_niets(client, gebiedsmanager):
    client.force_login(gebiedsmanager)
    client.get(reverse("buurtdashboard:gebied", args=[WIJK_A]) + "?email=iemand@example.org")
    inzage = Inzage.objects.get()
    assert (inzage.gebruiker, inzage.gebied, inzage.weergave) == (gebiedsmanager, WIJK_A, "wijk")
    assert inzage.tijdstip is not None
    velden = {f.name for f in Inzage._meta.get_fields()}
    assert velden == {"id", "gebruiker", "tijdstip", "gebied", "weergave"}


@pytest.mark.parametrize("naam", ["buurtdashboard:gebied", "buurtdashboard:kaart"])
def test_elke_csv_link_op_een_pagina_geeft_een_csv(client, medewerker, naam):
    import html
    import re

    client.force_login(medewerker)
    pagina = client.get(reverse(naam, args=[WIJK_A])).content.decode()
    links = [html.unescape(h) for h in re.findall(r'href="([^"]+\.csv[^"]*)"', pagina)]
    assert len(links) >= 2
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["Content-Type"].startswith("text/csv"), link


def test_backofficemenu_toont_het_dashboard_aan_wie_een_rol_heeft(gebiedsmanager, zonder_rol):
    from loket.zaken.backoffice import ONDERDELEN

    onderdeel = ONDERDELEN["buurtdashboard:start"]
    assert reverse(onderdeel.url_naam) == "/dashboard/"
    assert onderdeel.mag(gebiedsmanager) and not onderdeel.mag(zonder_rol)
