"""24 months of sample meldingen, then the buurtdashboard's cells, profiles and warnings, for `make run`."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from dev.sample.meldingen_historie import maak_historie
from loket.buurtdashboard import aggregatie, profiel, voorspelling, vroegsignaal


class Command(BaseCommand):
    help = "Schrijf 24 maanden voorbeeldmeldingen (eenmalig) en ververs de cijfers van het buurtdashboard."

    def handle(self, *args, **options):
        maak_historie(schrijf=self.stdout.write)
        cellen = aggregatie.ververs_alles()
        profielen = profiel.ververs()
        # The last four weeks, as the weekly job would have left them.
        laatste = vroegsignaal.laatste_volle_week()
        signalen = [s for j in range(3, -1, -1) for s in vroegsignaal.draai(laatste - timedelta(weeks=j))]
        verwacht = voorspelling.draai()
        self.stdout.write(
            f"Buurtdashboard: {cellen} cellen meldingen, {profielen} gebiedsprofielen, "
            f"{len(signalen)} signalen in de laatste vier weken, {verwacht} voorspellingen."
        )
