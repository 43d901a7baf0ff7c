"""The committed OpenAPI document (docs/openapi.yaml) is what the code of every API generates."""

import subprocess
import sys

import yaml

from tests.support.paden import ROOT


def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--file", str(generated), "--validate"],
        cwd=ROOT,
        check=True,
    )
    assert generated.read_text() == (ROOT / "docs" / "openapi.yaml").read_text(), (
        "docs/openapi.yaml is verouderd: draai `manage.py spectacular --file docs/openapi.yaml`"
    )


def test_ook_de_eindpunten_buiten_drf_staan_erin_en_fouten_zijn_problem_json():
    """Issue 13 point 9: tiles, downloads, health, the DSO webhook and the backoffice exports are in the
    document, and no problem is described as plain application/json."""
    spec = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
    for pad in (
        "/tiles/{laag}/{z}/{x}/{y}.mvt",
        "/download/{laag}.geojson",
        "/download/{laag}.csv",
        "/gezondheid",
        "/gereed",
        "/metrics",
        "/dso/verzoeknotificatie",
        "/backoffice/export.csv",
        "/backoffice/kaart.geojson",
    ):
        assert pad in spec["paths"], pad
    for pad, operaties in spec["paths"].items():
        for methode, operatie in operaties.items():
            for status, antwoord in operatie["responses"].items():
                for mediatype, inhoud in antwoord.get("content", {}).items():
                    if inhoud.get("schema") == {"$ref": "#/components/schemas/Probleem"}:
                        assert mediatype == "application/problem+json", (pad, methode, status)
            if methode == "post" and pad.startswith("/api/"):
                assert "403" in operatie["responses"], (pad, "CSRF")
    items = spec["paths"]["/ogc/collections/{collectie}/items"]["get"]
    assert list(items["responses"]["200"]["content"]) == ["application/geo+json"]
    limit = next(p for p in items["parameters"] if p["name"] == "limit")["schema"]
    assert limit["minimum"] == 1 and limit["maximum"] >= 1000
