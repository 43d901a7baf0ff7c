"""Maps and charts: folium under the response's CSP nonce with local assets only, quantile classes,
suppression in map values and hexagons, and the chart specs beside their tables."""

import csv
import io
import json
import re

from django.urls import reverse

from loket.buurtdashboard.kaarten import klassen
from tests.loket.buurtdashboard.conftest import WIJK_B
from tests.loket.buurtdashboard.test_indicatoren import vaste_meldingen  # noqa: F401 (fixture)


def test_kwantielklassen_met_de_hand():
    kl = klassen([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert [(k.van, k.tot) for k in kl] == [(1.0, 2.8), (2.8, 4.6), (4.6, 6.4), (6.4, 8.2), (8.2, 10.0)]
    assert len(klassen([5, 5, 5])) == 1 and klassen([]) == []


def test_kaart_onder_eigen_nonce_zonder_cdn(client, medewerker, vaste_meldingen):  # noqa: F811
    client.force_login(medewerker)
    url = reverse("buurtdashboard:kaart", args=["GM0400"])
    eerste, tweede = client.get(url), client.get(url)
    nonce = re.search(r"'nonce-([^']+)'", eerste["Content-Security-Policy"]).group(1)
    assert nonce != re.search(r"'nonce-([^']+)'", tweede["Content-Security-Policy"]).group(1)
    html = eerste.content.decode()
    inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all(
        f'nonce="{nonce}"' in attrs for tag, attrs in inline if "application/json" not in attrs
    )
    assert not re.findall(r"src=\"https?://|<link[^>]+href=\"https?://", html), "geen bestanden van buiten"
    assert "user-scalable=no" not in html and "L.map(" in html
    assert "unsafe-inline" not in eerste["Content-Security-Policy"]
    # other pages keep the policy without a nonce
    pagina = client.get(reverse("buurtdashboard:gebied", args=["GM0400"]))
    assert "nonce" not in pagina["Content-Security-Policy"]


def test_kaartwaarden_en_zeshoeken_onderdrukt(client, medewerker, vaste_meldingen):  # noqa: F811
    client.force_login(medewerker)
    export = client.get(reverse("buurtdashboard:export", args=["GM0400", "kaart"]) + "?indicator=meldingen")
    rijen = {r[0]: r[1] for r in list(csv.reader(io.StringIO(export.content.decode()), delimiter=";"))[1:]}
    assert rijen["Buurt A1"] == "6" and rijen["Buurt B1"] == "<5"
    html = client.get(reverse("buurtdashboard:kaart", args=[WIJK_B])).content.decode()
    # folium writes "<" as \u003c inside its script
    assert '"waarde": "\\u003c5"' in html and '"waarde": "2"' not in html

    # hexagons: all 8 fixed meldingen lie at one point, so one hexagon of 8; wijk B alone has 2 there,
    # too few to show
    def zeshoeken(code):
        tekst = client.get(reverse("buurtdashboard:export", args=[code, "hotspots"])).content.decode()
        return [r[1] for r in list(csv.reader(io.StringIO(tekst), delimiter=";"))[1:]]

    assert zeshoeken("GM0400") == ["8"]
    assert zeshoeken(WIJK_B) == []


def test_grafieken_als_vega_lite_naast_hun_tabel(client, medewerker, vaste_meldingen):  # noqa: F811
    client.force_login(medewerker)
    html = client.get(reverse("buurtdashboard:gebied", args=[WIJK_B])).content.decode()
    specs = dict(re.findall(r'<script type="application/json" id="spec-([a-z]+)">(.*?)</script>', html, re.S))
    assert set(specs) == {"maanden", "categorieen", "vergunningmaanden"}
    maanden = json.loads(specs["maanden"])
    assert maanden["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    import altair as alt

    for spec in specs.values():  # with its rows put in, every spec is still valid Vega-Lite
        alt.Chart.from_dict(json.loads(spec), validate=True)
    waarden = [v["aantal"] for v in maanden["data"]["values"] if v["reeks"] == "Wijk B"]
    assert None in waarden and 2 not in waarden  # the month with 2 meldingen is a gap, not a 2
    assert 'id="kop-maanden"' in html and "maanden.csv" in html
