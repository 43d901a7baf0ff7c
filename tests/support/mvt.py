"""Reading vector tiles back, for the tile tests of every layer that has them."""

import json
import shutil
import subprocess

import pytest


def lees_mvt(inhoud: bytes, z, x, y, tmp_path) -> list[dict]:
    """Decode a tile with GDAL's MVT driver: an independent reader, not our own code."""
    if not shutil.which("ogr2ogr"):
        pytest.skip("ogr2ogr (gdal-bin) ontbreekt")
    pad = tmp_path / "tegel.mvt"
    pad.write_bytes(inhoud)
    uit = subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GeoJSON",
            "/vsistdout/",
            f"MVT:{pad}",
            "-oo",
            f"Z={z}",
            "-oo",
            f"X={x}",
            "-oo",
            f"Y={y}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [f["properties"] for f in json.loads(uit.stdout)["features"]]
