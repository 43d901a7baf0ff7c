import re

import pytest

pytestmark = pytest.mark.django_db

# A script or stylesheet from another host breaks the portal offline and under a strict CSP.
EXTERNAL_ASSET = re.compile(rb"""<(?:script|link)[^>]+(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize(
    "model",
    [
        "kern/importrun",
        *(
            f"kaartlagen/{m}"
            for m in ["pand", "verblijfsobject", "nummeraanduiding", "openbareruimte", "bgtobject", "buurt"]
        ),
    ],
)
def test_admin_lists_open_for_staff_without_external_assets(admin_client, model):
    response = admin_client.get(f"/beheer/{model}/")
    assert response.status_code == 200
    assert not EXTERNAL_ASSET.search(response.content)


def test_external_asset_check_can_fail():
    assert EXTERNAL_ASSET.search(b'<script src="https://cdn.example/leaflet.js"></script>')


def test_staff_add_a_layer_in_the_admin_and_bad_zooms_are_refused(admin_client):
    from kaartlagen.models import Kaartlaag

    form = {
        "naam": "panden-oud",
        "titel": "Oude panden",
        "groep": "Gebouwen",
        "soort": "vector",
        "bron": "bag_panden",
        "stijl": "{}",
        "min_zoom": 15,
        "max_zoom": 20,
        "attributie": "",
        "publiek": "on",
        "volgorde": 5,
    }
    assert admin_client.post("/beheer/kaartlagen/kaartlaag/add/", form).status_code == 302
    assert Kaartlaag.objects.get(naam="panden-oud").bron == "bag_panden"

    response = admin_client.post(
        "/beheer/kaartlagen/kaartlaag/add/", {**form, "naam": "fout", "min_zoom": 19, "max_zoom": 3}
    )
    assert response.status_code == 200 and b"Zoomniveaus" in response.content
    assert not Kaartlaag.objects.filter(naam="fout").exists()


@pytest.mark.parametrize("bron", ["omgevingsplan_functies", "dso_vergunningaanvragen"])
def test_staff_can_choose_sources_that_other_apps_add(admin_client, bron):
    """Apps register their tile sources when they start; the admin offers them too."""
    from kaartlagen.models import Kaartlaag

    form = {
        "naam": f"kopie-{bron}".replace("_", "-"),
        "titel": "Kopie",
        "groep": "x",
        "soort": "vector",
        "bron": bron,
        "stijl": "{}",
        "min_zoom": 12,
        "max_zoom": 20,
        "attributie": "",
        "publiek": "on",
        "volgorde": 5,
    }
    assert admin_client.post("/beheer/kaartlagen/kaartlaag/add/", form).status_code == 302
    assert Kaartlaag.objects.get(naam=form["naam"]).bron == bron
