"""The /locatie page: the locatie-informatie of an address as a plain page, without map or JavaScript."""

import pytest

from tests.support.adressen import NUM_14

pytestmark = pytest.mark.django_db


def test_locatie_page_answers_without_map_or_javascript(client, adressen):
    response = client.get("/locatie", {"adres": "Keizerstraat 12a"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    assert "Keizerstraat 12a, 1781AB Den Helder" in html
    assert "<dd>1890</dd>" in html and "<dd>wonen</dd>" in html and "<dd>Centrum</dd>" in html
    assert '<label for="adres">' in html


def test_locatie_page_lists_other_addresses_as_links(client, adressen):
    html = client.get("/locatie", {"adres": "1781 AB"}).content.decode()
    assert "Bedoelt u een ander adres?" in html
    assert f'href="/locatie?id=adres-{NUM_14}"' in html


@pytest.mark.parametrize(
    ("adres", "status", "tekst"),
    [
        ("Nergensstraat 99", 404, "We hebben niets gevonden"),
        ("<script>alert(1)</script>", 400, "mag geen &lt; of &gt; bevatten"),
        ("x" * 10_000, 400, "langer dan 200 tekens"),
        ("Keizerstraat", 200, "Typ ook het huisnummer"),
    ],
)
def test_locatie_page_explains_what_went_wrong(client, adressen, adres, status, tekst):
    response = client.get("/locatie", {"adres": adres})
    assert response.status_code == status
    html = response.content.decode()
    assert tekst in html and "<script>alert" not in html


def test_a_house_number_that_does_not_exist_is_not_asked_for_again(client, adressen):
    html = client.get("/locatie", {"adres": "Keizerstraat 999"}).content.decode()
    assert "Dit huisnummer kennen we niet" in html and "Typ ook het huisnummer" not in html
    assert "Keizerstraat, Den Helder" in html  # the street, to choose from
