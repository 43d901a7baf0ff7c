import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaartlagen.importing.cbs import gemeentecode
from kern.gemeente import huidige
from kern.importing.report import samenvatting
from loket.buurtdashboard.importing.kwb import importeer_kerncijfers


class Command(BaseCommand):
    help = (
        "Importeer CBS Kerncijfers wijken en buurten (de CSV van een KWB-tabel van CBS, bijv. 85618NED) "
        "voor deze gemeente; bestand, map of zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("bron", nargs="+", type=Path)
        parser.add_argument("--jaar", type=int, help="het jaar van de cijfers, als het bestand het niet zegt")
        parser.add_argument("--gemeente", help="CBS-gemeentecode (standaard GEMEENTE_CBS_CODE)")
        parser.add_argument(
            "--opnieuw", action="store_true", help="lees ook bestanden die al zijn geïmporteerd"
        )

    def handle(self, *args, bron, jaar, gemeente, opnieuw, verbosity, **options):
        try:
            gemeente = gemeentecode(gemeente or huidige().cbs_code)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        mislukt = False
        for pad in bron:
            if not pad.exists():
                raise CommandError(f"{pad} bestaat niet")
            resultaat = importeer_kerncijfers(
                pad,
                gemeente=gemeente,
                jaar=jaar,
                opnieuw=opnieuw,
                stream=sys.stderr if verbosity >= 1 else None,
            )
            self.stdout.write(samenvatting(resultaat))
            mislukt |= not resultaat.ok
        if mislukt:
            raise CommandError("Een of meer bestanden zijn mislukt en teruggedraaid; zie hierboven.")
