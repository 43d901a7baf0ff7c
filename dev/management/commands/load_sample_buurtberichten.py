"""A few sample buurtberichten at sample addresses, for `make run`."""

from django.core.management.base import BaseCommand

from dev.sample.buurtberichten import maak_berichten


class Command(BaseCommand):
    help = "Maak een paar voorbeeld-buurtberichten bij voorbeeldadressen (alleen als er nog geen zijn)."

    def handle(self, *args, **options):
        maak_berichten(self.stdout.write)
