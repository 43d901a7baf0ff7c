"""The vergunningcheck pages without the map: choose, locate by address, answer, go back, result,
permalink and PDF; wrong answers are refused and not saved."""

import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.factories import BgtObjectFactory
from toepasbare_regels.models import CheckSessie, FeitBetwisting


@pytest.fixture
def sessie_url(client, regels, adressen):
    r = client.post(
        "/vergunningcheck/nieuw", {"werkzaamheid": ["UitwegAanleggen"], "adres": "Keizerstraat 12a"}
    )
    assert r.status_code == 302, r.content
    return r["Location"]


def test_start_page_searches_werkzaamheden(client, regels):
    r = client.get("/vergunningcheck/?q=schutting")
    assert r.status_code == 200
    assert "Schutting, hek of muur plaatsen" in r.content.decode()


def test_start_from_a_map_click_names_the_address(client, regels, adressen):
    r = client.get("/vergunningcheck/?x=113005&y=553005&crs=rd")
    assert "Keizerstraat 12a" in r.content.decode()
    r = client.get("/vergunningcheck/?x=200000&y=400000&crs=rd")
    assert r.status_code == 400 and "buiten de gemeente" in r.content.decode()


def test_unknown_address_or_werkzaamheid_stores_nothing(client, regels, adressen):
    r = client.post(
        "/vergunningcheck/nieuw", {"werkzaamheid": ["UitwegAanleggen"], "adres": "Nergensstraat 999"}
    )
    assert r.status_code == 400
    r = client.post("/vergunningcheck/nieuw", {"werkzaamheid": ["Toveren"], "adres": "Keizerstraat 12a"})
    assert r.status_code == 400
    r = client.post("/vergunningcheck/nieuw", {"adres": "Keizerstraat 12a"})
    assert r.status_code == 400
    assert CheckSessie.objects.count() == 0


def test_question_answer_back_and_result(client, sessie_url):
    pagina = client.get(sessie_url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Vervangt u alleen een bestaande inrit" in html and "Stap 1. Dit zijn de laatste vragen." in html
    vraag_id = next(k for k in pagina.context["r"]["vraaggroep"]["vragen"])["id"]
    fout = client.post(sessie_url, {vraag_id: "misschien"})
    assert fout.status_code == 400 and "ja of nee" in fout.content.decode()
    assert CheckSessie.objects.get().antwoorden == {}
    klaar = client.post(sessie_url, {vraag_id: "false"})
    assert klaar.status_code == 302
    uitkomst = client.get(klaar["Location"], follow=True)
    html = uitkomst.content.decode()
    assert "U heeft een vergunning nodig." in html and "Situatietekening" in html
    pdf = client.get(uitkomst.request["PATH_INFO"] + "?formaat=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.post(sessie_url, {"actie": "vorige"})
    assert CheckSessie.objects.get().antwoorden == {}


def test_a_disputed_fact_is_asked_instead_and_reported(client, regels, adressen):
    # A road 6 m in front of Keizerstraat 12a, so the distance to the road is a fact from the BGT.
    BgtObjectFactory(objecttype="wegdeel", lokaal_id="G0400.weg1", bbox=(112990, 552980, 113030, 552984))
    r = client.post(
        "/vergunningcheck/nieuw", {"werkzaamheid": ["ErfafscheidingPlaatsen"], "adres": "Keizerstraat 12a"}
    )
    url = r["Location"]
    feit = next(f for f in client.get(url).context["r"]["feiten"] if f["feit"] == "afstand-openbare-weg")
    client.post(url, {"actie": "betwist", "feit": feit["feit"], "waarde": feit["waarde"]})
    assert FeitBetwisting.objects.get().feit == feit["feit"]
    assert feit["feit"] not in [f["feit"] for f in client.get(url).context["r"]["feiten"]]


def test_expired_or_unknown_check_is_gone(client, sessie_url):
    CheckSessie.objects.update(verloopt_op=timezone.now() - timedelta(days=1))
    assert client.get(sessie_url).status_code == 404
    assert client.get("/vergunningcheck/raadmaar/").status_code == 404


def test_expired_checks_are_deleted_by_the_nightly_job(client, sessie_url):
    from toepasbare_regels.tasks import verlopen_checks_opruimen

    assert verlopen_checks_opruimen(0) == 0
    CheckSessie.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    assert verlopen_checks_opruimen(0) == 1
    assert CheckSessie.objects.count() == 0


def test_a_wrong_answer_names_the_question_as_the_user_saw_it(client, sessie_url):
    vraag = client.get(sessie_url).context["r"]["vraaggroep"]["vragen"][0]
    pagina = client.post(sessie_url, {vraag["id"]: "misschien"}).content.decode()
    fout = re.search(r'<p class="melding" role="alert" id="fout">(.*?)</p>', pagina, re.S).group(1)
    assert vraag["tekst"] in fout and vraag["id"] not in fout


def test_the_result_page_pdf_and_permalink_name_the_address(client, sessie_url):
    vraag_id = client.get(sessie_url).context["r"]["vraaggroep"]["vragen"][0]["id"]
    uitkomst = client.get(client.post(sessie_url, {vraag_id: "false"})["Location"])
    assert "<strong>Plek:</strong> Keizerstraat 12a, 1781AB Den Helder" in uitkomst.content.decode()
    pdf = client.get(uitkomst.request["PATH_INFO"] + "?formaat=pdf").content
    # The page text sits in the PDF's compressed content streams, one line per text operator. Each is
    # unpacked up to its own end: a stream whose last byte was "\r" lost it to the old pattern, which
    # also took the line break before "endstream" (it failed now and then: the bytes differ per run).
    tekst = b"".join(
        zlib.decompressobj().decompress(stroom)
        for stroom in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    ).decode("latin-1")
    assert "Plek: Keizerstraat 12a, 1781AB Den Helder" in tekst and "gemeente Den Helder" in tekst


def test_a_spot_without_an_address_is_named_by_its_coordinates(client, regels, adressen):
    r = client.post(
        "/vergunningcheck/nieuw",
        {"werkzaamheid": ["UitwegAanleggen"], "x": "112500", "y": "552500", "crs": "rd"},
    )
    from toepasbare_regels.models import CheckSessie
    from toepasbare_regels.sessies import plek_omschrijving

    assert r.status_code == 302
    assert (
        plek_omschrijving(CheckSessie.objects.get())
        == "de plek op de kaart met coördinaten x 112500, y 552500 (RD)"
    )


def test_progress_counts_down_honestly(client, regels, adressen):
    r = client.post(
        "/vergunningcheck/nieuw", {"werkzaamheid": ["DakkapelPlaatsen"], "adres": "Keizerstraat 12a"}
    )
    url = r["Location"]
    eerste = client.get(url)
    [eerste_vraag] = eerste.context["r"]["vraaggroep"]["vragen"]
    assert re.search(r"Stap 1\. Nog hoogstens (\d+) vragen", eerste.content.decode())
    nog = int(re.search(r"hoogstens (\d+)", eerste.content.decode()).group(1))
    assert nog >= 2
    client.post(url, {eerste_vraag["id"]: "false"})
    tweede = client.get(url).content.decode()
    assert "Stap 2." in tweede
    later = re.search(r"hoogstens (\d+)", tweede)
    assert (later is None and "Dit zijn de laatste vragen" in tweede) or int(later.group(1)) < nog


def test_neem_contact_op_names_the_configured_municipality(settings):
    from toepasbare_regels.vergunningcheck import actie

    settings.GEMEENTE_NAAM, settings.GEMEENTE_TELEFOON, settings.GEMEENTE_EMAIL = (
        "Doesburg",
        "0313 1",
        "a@b.example",
    )
    assert (
        actie("NeemContactOpMet")
        == "Neem contact op met de gemeente Doesburg: bel 0313 1 of mail naar a@b.example."
    )
