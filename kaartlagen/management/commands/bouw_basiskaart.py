from django.core.management.base import BaseCommand

from kaartlagen.basiskaart import mapproxy


class Command(BaseCommand):
    help = (
        "Schrijf de configuratie van de basiskaart (MapProxy, MapServer) uit het lagenregister: eenmaal "
        "per release, vóór de webprocessen starten (make run, compose, systemd). Webprocessen lezen haar "
        "alleen; een gewijzigde kaartlaag of gemeentegrens schrijft haar opnieuw."
    )

    def handle(self, *args, verbosity, **options):
        pad, veranderd = mapproxy.schrijf_configuratie()
        if verbosity:
            wat = "geschreven" if veranderd else "ongewijzigd"
            self.stdout.write(f"Basiskaart-configuratie {wat}: {pad}")
