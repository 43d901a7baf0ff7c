"""manage.py import_omgevingsplan <pad> [--opnieuw]: a STOP/TPOD delivery or IMRO bestemmingsplan GML."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kern.importing.pipeline import ImportFout
from toepasbare_regels.omgevingsplan.importing import importeer


class Command(BaseCommand):
    help = "Importeer een omgevingsplan: een STOP/TPOD-levering (map of zip) of IMRO-GML (bestand of map)."

    def add_arguments(self, parser):
        parser.add_argument("pad", nargs="+", type=Path, help="map, zip of GML-bestand zoals geleverd")
        parser.add_argument("--opnieuw", action="store_true", help="lees ook wat al eerder is geïmporteerd")
        parser.add_argument(
            "--achtergrond",
            action="store_true",
            help="zet de import als taak klaar voor de worker (procrastinate)",
        )

    def handle(self, *args, pad, opnieuw, achtergrond, verbosity, **options):
        for bron in pad:
            if not bron.exists():
                raise CommandError(f"{bron} bestaat niet")
        if achtergrond:
            from toepasbare_regels.omgevingsplan.tasks import importeer_omgevingsplan

            # Deferred in a transaction: the job is written with whatever the caller writes, or not at all.
            with transaction.atomic():
                for bron in pad:
                    job_id = importeer_omgevingsplan.defer(pad=str(bron.resolve()), opnieuw=opnieuw)
                    self.stdout.write(f"Taak {job_id} klaargezet: omgevingsplan-import van {bron}")
            return
        stream = self.stderr if verbosity >= 1 else None
        start = time.monotonic()
        resultaten = []
        for bron in pad:
            try:
                resultaten.extend(importeer(bron, opnieuw=opnieuw, stream=stream))
            except ImportFout as exc:
                raise CommandError(f"[{exc.code}] {exc}") from None
        klaar = sum(1 for r in resultaten if r.status == "klaar")
        eerder = sum(1 for r in resultaten if r.status == "al_geimporteerd")
        mislukt = [r for r in resultaten if not r.ok]
        self.stdout.write(
            f"Omgevingsplan: {klaar} geïmporteerd, {eerder} al eerder geïmporteerd, {len(mislukt)} mislukt "
            f"({time.monotonic() - start:.1f} s)"
        )
        if mislukt:
            raise CommandError("; ".join(f"{r.bron}: {r.fout}" for r in mislukt))
