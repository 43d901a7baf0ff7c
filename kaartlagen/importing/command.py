"""The shared shape of import_bag, import_bgt and import_buurten."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kern.importing.pipeline import STANDAARD_WERKERS
from kern.importing.report import samenvatting


class ImportCommand(BaseCommand):
    soort = ""
    # The system checks are about serving the portal, not about reading a file (and cost ~0.45 s).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("bron", nargs="+", type=Path, help="bestand, map of zip zoals geleverd")
        parser.add_argument(
            "--opnieuw", action="store_true", help="lees ook bestanden die al eerder zijn geïmporteerd"
        )
        parser.add_argument(
            "--werkers",
            type=int,
            default=STANDAARD_WERKERS,
            help=f"processen die bestanden, en delen van een groot bestand, naast elkaar inlezen (standaard {STANDAARD_WERKERS})",
        )
        parser.add_argument(
            "--achtergrond",
            action="store_true",
            help="zet de import als taak klaar voor de worker (procrastinate)",
        )

    def opties(self) -> dict:
        """Importer options beyond the common ones, handed to the background job as they are."""
        return {}

    def importeer(self, bron: Path, opnieuw: bool, stream):
        raise NotImplementedError

    def handle(self, *args, bron, opnieuw, achtergrond, werkers, verbosity, **options):
        if werkers < 1:
            raise CommandError("--werkers moet 1 of meer zijn")
        self.werkers = werkers
        for pad in bron:
            if not pad.exists():
                raise CommandError(f"{pad} bestaat niet")
        if achtergrond:
            from kaartlagen.tasks import importeer_levering

            # Deferred in a transaction: the job row is written together with whatever the caller
            # writes, or not at all.
            with transaction.atomic():
                for pad in bron:
                    job_id = importeer_levering.defer(
                        soort=self.soort, pad=str(pad.resolve()), opnieuw=opnieuw, opties=self.opties()
                    )
                    self.stdout.write(f"Taak {job_id} klaargezet: {self.soort}-import van {pad}")
            return
        stream = sys.stderr if verbosity >= 1 else None
        mislukt = False
        for pad in bron:
            resultaat = self.importeer(pad, opnieuw, stream)
            self.stdout.write(samenvatting(resultaat))
            mislukt |= not resultaat.ok
        if mislukt:
            raise CommandError("Een of meer bestanden zijn mislukt en teruggedraaid; zie hierboven.")
