import re

import pytest

pytestmark = pytest.mark.django_db

# A script or stylesheet from another host breaks the portal offline and under a strict CSP.
EXTERNAL_ASSET = re.compile(rb"""<(?:script|link)[^>]+(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize(
    "model",
    ["importrun", "pand", "verblijfsobject", "nummeraanduiding", "openbareruimte", "bgtobject", "buurt"],
)
def test_admin_lists_open_for_staff_without_external_assets(admin_client, model):
    response = admin_client.get(f"/beheer/kaartlagen/{model}/")
    assert response.status_code == 200
    assert not EXTERNAL_ASSET.search(response.content)


def test_external_asset_check_can_fail():
    assert EXTERNAL_ASSET.search(b'<script src="https://cdn.example/leaflet.js"></script>')
