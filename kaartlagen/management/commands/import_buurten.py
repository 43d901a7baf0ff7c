from django.conf import settings
from django.core.management.base import CommandError

from kaartlagen.importing.cbs import gemeentecode, importeer_buurten
from kaartlagen.importing.command import ImportCommand


class Command(ImportCommand):
    soort = "cbs"
    help = (
        "Importeer CBS-wijken en -buurten uit GeoJSON (bestand, map of zip; WGS84 of een expliciet crs-lid)."
    )
    gemeente: str | None = None

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--gemeente",
            help="alleen wijken en buurten van deze CBS-gemeentecode, bijv. GM0400 "
            "(standaard GEMEENTE_CBS_CODE uit de instellingen); 'alle' voor alle gemeenten",
        )

    def handle(self, *args, gemeente=None, **options):
        # Read when run, not when the parser is built, so override_settings and call_command see it.
        gemeente = gemeente or settings.GEMEENTE_CBS_CODE
        try:
            self.gemeente = None if gemeente.strip().lower() == "alle" else gemeentecode(gemeente)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        super().handle(*args, **options)

    def opties(self) -> dict:
        return {"gemeente": self.gemeente}

    def importeer(self, bron, opnieuw, stream):
        return importeer_buurten(
            bron, gemeente=self.gemeente, opnieuw=opnieuw, werkers=self.werkers, stream=stream
        )
