"""Sample teams, categories and routing rules, and a few sample meldingen, for `make run`."""

from django.core.management.base import BaseCommand

from dev.sample.meldingen import maak_categorieen, maak_meldingen


class Command(BaseCommand):
    help = (
        "Maak voorbeeldteams, -categorieën en -routering, en een paar voorbeeldmeldingen bij "
        "voorbeeldadressen (de meldingen alleen als er nog geen zijn)."
    )

    def handle(self, *args, **options):
        maak_categorieen()
        maak_meldingen(self.stdout.write)
