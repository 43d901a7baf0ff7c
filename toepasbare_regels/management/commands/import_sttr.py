from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toepasbare_regels.importing import importeer_pad


class Command(BaseCommand):
    help = (
        "Importeer STTR-bestanden (toepasbare regels, DMN): een .dmn, een map of een zip zoals aangeleverd."
    )

    def add_arguments(self, parser):
        parser.add_argument("paden", nargs="+", type=Path)
        parser.add_argument(
            "--geldig-vanaf", type=date.fromisoformat, help="JJJJ-MM-DD; anders uit de opdracht of vandaag"
        )

    def handle(self, *args, paden, geldig_vanaf=None, **opts):
        fouten = 0
        for pad in paden:
            if not pad.exists():
                raise CommandError(f"{pad} bestaat niet")

            def voortgang(nr, totaal, naam):
                self.stdout.write(f"\r[{nr}/{totaal}] {naam[-70:]:<70}", ending="")
                self.stdout.flush()

            resultaat = importeer_pad(pad, geldig_vanaf, voortgang if opts["verbosity"] else None)
            self.stdout.write("")
            self.stdout.write(resultaat.samenvatting())
            fouten += len(resultaat.fouten)
        if fouten:
            raise CommandError(f"{fouten} bestand(en) geweigerd")
