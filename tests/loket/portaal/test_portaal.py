import pytest

pytestmark = pytest.mark.django_db


def test_home_page_in_dutch_lists_what_the_portal_holds(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Omgevingsloket Den Helder" in html.replace("&shy;", "")  # where a phone may break the heading
    assert "Panden (BAG)" in html


def test_gezondheid_reports_postgis(client):
    response = client.get("/gezondheid")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["postgis"].startswith("3.")


def test_public_pages_carry_a_strict_content_security_policy(client):
    beleid = client.get("/locatie")["Content-Security-Policy"]
    assert "script-src 'self'" in beleid and "unsafe-inline" not in beleid
