import os
import subprocess
import sys
import time
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kaartlagen.basiskaart import mapfile, mapproxy
from kern.crs import RD_NEW


class Command(BaseCommand):
    help = "Vul de tegelcache van de basiskaart voor het gebied waar BGT-gegevens zijn (make seed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tot-zoom", type=int, default=17, help="hoogste Web Mercator-zoomniveau (standaard 17)"
        )

    def handle(self, *args, tot_zoom, **options):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM kaartlagen_bgtobject) s"
            )
            extent = cursor.fetchone()
        if extent is None or extent[0] is None:
            raise CommandError("Er zijn nog geen BGT-gegevens; laad ze eerst (make run of import_bgt).")
        config, _ = mapproxy.schrijf_configuratie()
        rd_niveaus = [i for i, res in enumerate(mapproxy.NL_RD["res"]) if res >= 0.4]
        seed = {
            "coverages": {"bgt": {"bbox": [round(v, 1) for v in extent], "srs": f"EPSG:{RD_NEW}"}},
            "seeds": {
                "mercator": {
                    "caches": ["basiskaart_cache"],
                    "grids": ["GLOBAL_WEBMERCATOR"],
                    "coverages": ["bgt"],
                    "levels": {"from": 12, "to": tot_zoom},
                },
                "rd": {
                    "caches": ["basiskaart_cache"],
                    "grids": ["nl_rd"],
                    "coverages": ["bgt"],
                    "levels": {"from": 6, "to": max(rd_niveaus)},
                },
            },
        }
        pad = Path(config).with_name("seed.yaml")
        pad.write_text(yaml.safe_dump(seed, sort_keys=False))
        env = {**os.environ, "MAPSERVER_CONFIG_FILE": str(mapfile.map_dir() / "mapserver.conf")}
        start = time.monotonic()
        seeder = Path(sys.executable).with_name("mapproxy-seed")
        # Our own binary from the venv, run on files we just wrote.
        opdracht = [str(seeder), "-f", str(config), "-s", str(pad), "-c", "2"]
        resultaat = subprocess.run(opdracht, env=env, check=False)  # noqa: S603
        if resultaat.returncode:
            raise CommandError("mapproxy-seed is mislukt; zie hierboven.")
        tegels = sum(1 for _ in (mapfile.map_dir() / "cache").rglob("*.png"))
        self.stdout.write(
            f"Basiskaart gevuld: {tegels:,} tegels in de cache ({time.monotonic() - start:.1f} s)."
        )
