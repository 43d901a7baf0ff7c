"""The load mix of bench/last_bench.py (locust): what residents do at once on the portal.

Places come from LAST_PUNTEN (a JSON list of real sample addresses: RD and WGS84 point, street, number;
written by last_bench.py), so every request asks for something that exists.
"""

import json
import math
import os
import random

from locust import HttpUser, between, task

PUNTEN = json.loads(open(os.environ["LAST_PUNTEN"]).read())  # noqa: SIM115, PTH123 (read once at start)
CONCLUSIE = "/api/toepasbare-regels/uitvoeren/v3/conclusie/_bepaal"


def _tegel(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


class Bewoner(HttpUser):
    # A person reads between clicks; 50 of them give a steady mix rather than a flood.
    wait_time = between(0.5, 1.5)

    def _plek(self):
        return random.choice(PUNTEN)  # noqa: S311

    @task(10)
    def tegels(self):
        plek = self._plek()
        z = random.choice((15, 16, 17, 18))  # noqa: S311
        x, y = _tegel(plek["lon"], plek["lat"], z)
        laag = random.choice(("panden", "adressen"))  # noqa: S311
        self.client.get(f"/tiles/{laag}/{z}/{x}/{y}.mvt", name="tegel")

    @task(4)
    def zoeken(self):
        plek = self._plek()
        self.client.get(
            "/api/locatie/suggest", params={"q": f"{plek['straat']} {plek['nummer']}"}, name="suggest"
        )

    @task(3)
    def locatiepaneel(self):
        plek = self._plek()
        self.client.get(
            "/api/locatie/informatie",
            params={"x": plek["x"], "y": plek["y"], "crs": "rd"},
            name="locatie-informatie",
        )

    @task(2)
    def vergunningcheck(self):
        plek = self._plek()
        body = {
            "functioneleStructuurRefs": [{"functioneleStructuurRef": "DakkapelPlaatsen"}],
            "_geo": {"intersects": {"type": "Point", "coordinates": [plek["x"], plek["y"]]}},
        }
        self.client.post(CONCLUSIE, json=body, headers={"Content-Crs": "EPSG:28992"}, name="conclusie")

    @task(1)
    def melden(self):
        plek = self._plek()
        body = {
            "categorie": "losse-stoeptegel",
            "omschrijving": "Er ligt een stoeptegel los op de stoep (lasttest).",
            "x": plek["x"] + random.uniform(-3, 3),  # noqa: S311
            "y": plek["y"] + random.uniform(-3, 3),  # noqa: S311
            "crs": "rd",
        }
        self.client.post("/api/meldingen", json=body, name="melden")
