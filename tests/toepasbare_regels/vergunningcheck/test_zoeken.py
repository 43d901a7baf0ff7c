"""Werkzaamheden search: everyday words, several words, typing errors, and the nearest few plus
"neem contact op" when nothing fits (issue 14 point 5). One service behind the page and the API."""

import pytest
from django.db import connection

from kern.gemeente import huidige
from toepasbare_regels import werkzaamheden
from toepasbare_regels.importing import importeer_werkzaamheden
from toepasbare_regels.models import Werkzaamheid

ZOEK = "/api/toepasbare-regels/zoekinterface/v2/werkzaamheden/_zoek"

WOORDEN = [
    ("dakkapel voorkant", "DakkapelPlaatsen"),
    ("warmtepomp", "WarmtepompPlaatsen"),
    ("airco", "WarmtepompPlaatsen"),
    ("kozijn", "KozijnVervangen"),
    ("slopen", "Slopen"),
    # more words, typing errors, half words, plurals, a whole sentence
    ("Dakkapel op de voorkant van mijn huis", "DakkapelPlaatsen"),
    ("warmtepmp", "WarmtepompPlaatsen"),
    ("airconditioning", "WarmtepompPlaatsen"),
    ("kunststof kozijnen", "KozijnVervangen"),
    ("ik wil mijn schuur slopen", "Slopen"),
    ("asbest", "Slopen"),
    ("schuting", "ErfafscheidingPlaatsen"),
    ("dakk", "DakkapelPlaatsen"),
    ("uitbouw", "AanbouwBouwen"),
    ("zonnepanelen", "ZonnepanelenPlaatsen"),
    ("bomen kappen", "BoomKappen"),
    ("inrit", "UitwegAanleggen"),
    ("buurtfeest", "EvenementOrganiseren"),
    ("reclamebord", "ReclamePlaatsen"),
    ("schutting", "ErfafscheidingPlaatsen"),
]


@pytest.mark.parametrize("term, urn", WOORDEN, ids=[w for w, _ in WOORDEN])
def test_everyday_words_find_the_werkzaamheid(regels, term, urn):
    uitkomst = werkzaamheden.zoek(term)
    assert uitkomst.passend, term
    assert uitkomst.treffers[0].werkzaamheid.urn == urn, [t.werkzaamheid.urn for t in uitkomst.treffers]


def test_a_clear_word_ranks_its_werkzaamheid_well_above_the_rest(regels):
    treffers = werkzaamheden.zoek("dakkapel voorkant").treffers
    assert len(treffers) == 1 or treffers[0].score > 2 * treffers[1].score


def test_nothing_fits_gives_the_nearest_few_and_no_junk(regels):
    uitkomst = werkzaamheden.zoek("zwembad")
    assert not uitkomst.passend and 0 < len(uitkomst.treffers) <= werkzaamheden.DICHTSTBIJ
    # Stop words alone mean nothing: no werkzaamheid "fits" "ik wil een".
    assert not werkzaamheden.zoek("ik wil een").passend


def test_the_page_shows_hits_and_the_fallback_with_the_gemeentes_contact(regels, client):
    html = client.get("/vergunningcheck/", {"q": "dakkapel voorkant"}).content.decode()
    assert 'value="DakkapelPlaatsen"' in html and "neem-contact-op" not in html
    html = client.get("/vergunningcheck/", {"q": "zwembad"}).content.decode()
    assert "We vonden niets dat past bij" in html and "het dichtst bij" in html
    assert 'id="neem-contact-op"' in html and huidige().contact_zin in html
    assert html.count('name="werkzaamheid"') == werkzaamheden.DICHTSTBIJ


def test_the_api_uses_the_same_search(regels, client):
    r = client.post(ZOEK, {"zoekterm": "airco"}, content_type="application/json")
    eerste = r.json()["_embedded"]["werkzaamheden"][0]
    assert r.json()["passend"] is True and eerste["urn"] == "WarmtepompPlaatsen"
    assert "airco" in eerste["trefwoorden"] and eerste["toelichting"]
    assert eerste["score"] == werkzaamheden.zoek("airco").treffers[0].score
    r = client.post(ZOEK, {"zoekterm": "zwembad"}, content_type="application/json")
    assert r.json()["passend"] is False and len(r.json()["_embedded"]["werkzaamheden"]) == 3


def test_tsquery_syntax_in_the_term_is_just_text(regels):
    for term in ("dakkapel & !", "a:* | b", "'; drop table x; --", "\\", "()", "!!!"):
        werkzaamheden.zoek(term)  # no syntax error from to_tsquery


def test_dso_trefwoorden_and_omschrijving_are_imported_and_searched(db):
    importeer_werkzaamheden(
        [
            {
                "urn": "ZwembadAanleggen",
                "naam": "Zwembad aanleggen",
                "trefwoorden": ["zwemvijver", "jacuzzi"],
                "omschrijving": "Een zwembad of hottub in de tuin.",
                "activiteiten": [],
            }
        ]
    )
    w = Werkzaamheid.objects.get(urn="ZwembadAanleggen")
    assert w.synoniemen == ["zwemvijver", "jacuzzi"] and "jacuzzi" in w.zoektekst
    assert werkzaamheden.zoek("jacuzi").treffers[0].werkzaamheid == w  # typing error, a trefwoord
    assert werkzaamheden.zoek("hottub").treffers[0].werkzaamheid == w  # only in the omschrijving


def test_the_search_indexes_exist(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'toepasbare_regels_werkzaamheid'"
        )
        indexen = dict(cursor.fetchall())
    assert "gin_trgm_ops" in indexen["werkzaamheid_zoek_trgm"]
    assert "gin_trgm_ops" in indexen["werkzaamheid_oms_trgm"]
    assert "gin (zoekvector)" in indexen["werkzaamheid_zoekvector"]


def test_the_suggestions_use_the_same_search(regels, client):
    r = client.get("/api/vergunningcheck/werkzaamheden/suggest", {"q": "airco"})
    assert r.status_code == 200
    assert r.json()[0] == {
        "urn": "WarmtepompPlaatsen",
        "weergavenaam": "Warmtepomp of airco buiten plaatsen",
        "passend": True,
    }
    assert client.get("/api/vergunningcheck/werkzaamheden/suggest", {"q": "x" * 101}).status_code == 400
