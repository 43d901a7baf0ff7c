"""24 months of sample meldingen, vergunningaanvragen and werkzaamheden, then the buurtdashboard's
cells, profiles and warnings, for `make run`."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from dev.sample.berichten_historie import maak_werkzaamheden
from dev.sample.meldingen_historie import maak_historie
from dev.sample.vergunningen import maak_aanvragen
from loket.buurtdashboard import aggregatie, broncellen, profiel, voorspelling, vroegsignaal


class Command(BaseCommand):
    help = (
        "Schrijf 24 maanden voorbeeldmeldingen, -vergunningaanvragen en -werkzaamheden (eenmalig) en "
        "ververs de cijfers van het buurtdashboard."
    )

    def handle(self, *args, **options):
        maak_historie(schrijf=self.stdout.write)
        maak_aanvragen(schrijf=self.stdout.write)
        maak_werkzaamheden(schrijf=self.stdout.write)
        cellen = aggregatie.ververs_alles()
        andere = broncellen.ververs_alles()
        profielen = profiel.ververs()
        # The last four weeks, as the weekly job would have left them.
        laatste = vroegsignaal.laatste_volle_week()
        signalen = [s for j in range(3, -1, -1) for s in vroegsignaal.draai(laatste - timedelta(weeks=j))]
        verwacht = voorspelling.draai()
        self.stdout.write(
            f"Buurtdashboard: {cellen} cellen meldingen, {andere} cellen vergunningen en berichten, "
            f"{profielen} gebiedsprofielen, {len(signalen)} signalen in de laatste vier weken, "
            f"{verwacht} voorspellingen."
        )
