"""The shared shape of import_bag, import_bgt and import_buurten."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaartlagen.importing.report import samenvatting


class ImportCommand(BaseCommand):
    soort_titel = ""

    def add_arguments(self, parser):
        parser.add_argument("bron", nargs="+", type=Path, help="bestand, map of zip zoals geleverd")
        parser.add_argument(
            "--opnieuw", action="store_true", help="lees ook bestanden die al eerder zijn geïmporteerd"
        )

    def importeer(self, bron: Path, opnieuw: bool, stream):
        raise NotImplementedError

    def handle(self, *args, bron, opnieuw, verbosity, **options):
        stream = sys.stderr if verbosity >= 1 else None
        mislukt = False
        for pad in bron:
            if not pad.exists():
                raise CommandError(f"{pad} bestaat niet")
            resultaat = self.importeer(pad, opnieuw, stream)
            self.stdout.write(samenvatting(resultaat))
            mislukt |= not resultaat.ok
        if mislukt:
            raise CommandError("Een of meer bestanden zijn mislukt en teruggedraaid; zie hierboven.")
