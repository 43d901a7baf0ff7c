import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["importrun", "pand", "verblijfsobject", "nummeraanduiding", "openbareruimte", "bgtobject", "buurt"],
)
def test_admin_lists_open_for_staff(admin_client, model):
    response = admin_client.get(f"/beheer/kaartlagen/{model}/")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()
