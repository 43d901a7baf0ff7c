import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dev.sample.laden import laad_sample
from kaartlagen.services import inhoud
from kern.importing.report import samenvatting


class Command(BaseCommand):
    help = "Laad de Den Helder-voorbeeldlevering (BAG, BGT, CBS) uit data/bgt_bag_samples; wat al geladen is, blijft."

    def add_arguments(self, parser):
        parser.add_argument(
            "map", nargs="?", type=Path, default=settings.BASE_DIR / "data" / "bgt_bag_samples"
        )

    def handle(self, *args, map, verbosity, **options):
        start = time.monotonic()
        try:
            resultaten = laad_sample(map, stream=sys.stderr if verbosity >= 1 else None)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        nieuw = any(b.status == "klaar" for r in resultaten for b in r.bestanden)
        if nieuw or verbosity >= 2:
            for resultaat in resultaten:
                self.stdout.write(samenvatting(resultaat))
        else:
            self.stdout.write("Voorbeeldgegevens waren al geladen.")
        regels = ", ".join(f"{r['aantal']:,} {r['titel'].lower()}" for r in inhoud())
        self.stdout.write(f"In de database ({time.monotonic() - start:.1f} s): {regels}")
        if not all(r.ok for r in resultaten):
            raise CommandError("Niet alles kon worden geladen; zie hierboven.")
