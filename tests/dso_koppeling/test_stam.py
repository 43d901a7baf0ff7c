"""Reading the verzoek XML, and what makes it unusable (with a stable code)."""

import pytest

from dev.dso_mock.documenten import verzoek_xml
from dso_koppeling.stam import StamFout, lees, pas_aanvullingen_toe

VERZOEK = {
    "verzoeknummer": "V-1",
    "type": "aanvraag",
    "versie": 2,
    "ingediendOp": "2026-11-02T08:17:00+00:00",
    "hoortBij": None,
    "bevoegdGezag": "gm0400",
    "omschrijving": "Dakkapel <voor> & achter",
    "adres": {
        "straatnaam": "Keizerstraat",
        "huisnummer": 12,
        "huisletter": "a",
        "postcode": "1781GA",
        "woonplaats": "Den Helder",
        "nummeraanduiding": "0400200000000001",
    },
    "punt": [113005.0, 553005.0],
    "activiteiten": [
        {
            "urn": "u.dakkapel",
            "naam": "Dakkapel plaatsen",
            "antwoorden": [{"vraagId": 1, "vraag": "Voorkant?", "antwoord": "ja"}],
        }
    ],
    "bijlagen": [{"id": "b1", "naam": "tekening.pdf", "documentsoort": "Bouwtekening"}],
    "initiatiefnemer": {"naam": "A. Jansen", "email": "a@example.org"},
}


def test_leest_alles_wat_de_zaak_nodig_heeft():
    v = lees(verzoek_xml(VERZOEK))
    assert (v.verzoeknummer, v.type, v.versie, v.punt) == ("V-1", "aanvraag", 2, (113005.0, 553005.0))
    assert v.omschrijving == "Dakkapel <voor> & achter"
    assert v.adres_tekst() == "Keizerstraat 12a, 1781GA Den Helder"
    assert v.activiteiten == VERZOEK["activiteiten"] and v.bijlagen[0]["id"] == "b1"


@pytest.mark.parametrize(
    ("wijzig", "code"),
    [
        (lambda x: x[: len(x) // 2], "xml_onleesbaar"),
        (lambda x: x.replace(b"<stam:type>aanvraag", b"<stam:type>vooroverleg"), "type_onbekend"),
        (
            lambda x: x.replace(b"urn:ogc:def:crs:EPSG::28992", b"urn:ogc:def:crs:OGC:1.3:CRS84"),
            "srs_onjuist",
        ),
        (lambda x: x.replace(b"<stam:verzoeknummer>V-1</stam:verzoeknummer>", b""), "veld_ontbreekt"),
        (lambda x: x.replace(b"<stam:versie>2<", b"<stam:versie>twee<"), "veld_ontbreekt"),
        (
            lambda x: (
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
            ),
            "xml_onleesbaar",
        ),
    ],
    ids=["afgebroken", "type", "crs", "nummer", "versie", "entiteit"],
)
def test_onbruikbaar_verzoek_heeft_een_vaste_code(wijzig, code):
    with pytest.raises(StamFout) as fout:
        lees(wijzig(verzoek_xml(VERZOEK)))
    assert fout.value.code == code


def test_aanvullingen_vervangen_antwoorden_in_volgorde():
    basis = VERZOEK["activiteiten"]
    eerste = [
        {
            "urn": "u.dakkapel",
            "naam": "Dakkapel plaatsen",
            "antwoorden": [{"vraagId": 1, "vraag": "Voorkant?", "antwoord": "nee"}],
        }
    ]
    tweede = [
        {
            "urn": "u.kappen",
            "naam": "Kappen",
            "antwoorden": [{"vraagId": 1, "vraag": "Bomen?", "antwoord": "2"}],
        }
    ]
    uit = pas_aanvullingen_toe(basis, [eerste, tweede])
    assert uit[0]["antwoorden"][0]["antwoord"] == "nee" and uit[1]["urn"] == "u.kappen"
    assert basis[0]["antwoorden"][0]["antwoord"] == "ja"  # the basis itself is untouched
