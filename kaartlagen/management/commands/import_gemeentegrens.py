from django.core.management.base import BaseCommand, CommandError

from kaartlagen.importing.cbs import gemeentecode
from kaartlagen.importing.gemeentegrens import importeer_gemeentegrens
from kern import gemeente
from kern.fouten import CodeFout


class Command(BaseCommand):
    help = (
        "Importeer de grens van de gemeente uit de CBS-gemeentegrenzen (GeoJSON); de bbox van de "
        "gemeente volgt daaruit (docs/configuration.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="GeoJSON met gemeentegrenzen, bijv. gemeenten_2023_wgs84.geojson")
        parser.add_argument("--gemeente", dest="code", help="CBS-gemeentecode (standaard GEMEENTE_CBS_CODE)")

    def handle(self, bestand, code=None, **options):
        try:
            code = gemeentecode(code or gemeente.huidige().cbs_code)
            uitkomst = importeer_gemeentegrens(bestand, code)
        except (ValueError, CodeFout) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{'Nieuw' if uitkomst.nieuw else 'Bijgewerkt'}: grens van {uitkomst.naam} ({uitkomst.cbs_code}), "
            f"{uitkomst.oppervlakte_ha} ha, bbox RD {','.join(f'{v:.0f}' for v in uitkomst.bbox_rd)}"
        )
