"""Soft hyphens in long Dutch words of headings (kern/afbreken.py); the browser tests check how the
headings then break (tests/support/browser.py, koppen_breken_netjes)."""

import re

from django.template import Context, Template

from kern.afbreken import LANGSTE, ZACHT, afbreekbaar
from tests.support.paden import ROOT


def test_long_words_get_soft_hyphens_at_dutch_hyphenation_points():
    assert (
        afbreekbaar("Vergunningaanvragen (DSO)")
        == ZACHT.join(["Ver", "gun", "ning", "aan", "vra", "gen"]) + " (DSO)"
    )
    # Short words, numbers, words already hyphenated by hand and hyphenated names stay as they are.
    for tekst in ["Kaart van de buurt", "BU04000101", "Vergunning\u00adaanvragen", "Nieuw-Den Helder"]:
        assert afbreekbaar(tekst) == tekst


def test_the_filter_escapes_what_it_is_given():
    html = Template("{% load tekst %}<h1>{{ t|afbreekbaar }}</h1>").render(
        Context({"t": "<b>Omgevingsvergunning</b>"})
    )
    assert html == f"<h1>&lt;b&gt;Omge{ZACHT}vings{ZACHT}ver{ZACHT}gun{ZACHT}ning&lt;/b&gt;</h1>"


def test_headings_written_in_templates_have_no_word_too_long_for_a_phone():
    """A word in an h1/h2 of a page template longer than LANGSTE letters needs a &shy; where it may
    break (text from data goes through |afbreekbaar)."""
    te_lang = []
    for pad in ROOT.glob("**/templates/**/*.html"):
        if {".venv", "build", "mail"} & set(pad.relative_to(ROOT).parts):
            continue  # mail clients lay out their own way
        for kop in re.findall(r"<(h[12])\b[^>]*>(.*?)</\1>", pad.read_text(), re.S):
            tekst = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]+>", " ", kop[1]).replace("&shy;", "-")
            te_lang += [f"{pad.name}: {w}" for w in re.findall(rf"[^\W\d_]{{{LANGSTE + 1},}}", tekst)]
    assert te_lang == []
