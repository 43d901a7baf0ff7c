from django.core.management.base import BaseCommand

from kaartlagen.basiskaart import mapproxy, uitgave


class Command(BaseCommand):
    help = (
        "Schrijf de configuratie van de basiskaart (MapProxy, MapServer) uit het lagenregister: eenmaal "
        "per release, vóór de webprocessen starten (make run, compose, systemd). Webprocessen lezen haar "
        "alleen; een gewijzigde kaartlaag of gemeentegrens schrijft haar opnieuw. Elke bouw is een uitgave "
        "in de database: de andere machines volgen (volg_basiskaart)."
    )

    def handle(self, *args, verbosity, **options):
        pad, veranderd = mapproxy.schrijf_configuratie()
        # A release every time, also when this machine's files stayed the same: another machine may
        # have missed the last one (a run that stopped between its files and its release). The others
        # then build their own again, which writes nothing when nothing changed.
        nummer = uitgave.breng_uit("bouw_basiskaart")
        uitgave.noteer_toegepast(nummer)
        if verbosity:
            wat = "geschreven" if veranderd else "ongewijzigd"
            self.stdout.write(
                f"Basiskaart-configuratie {wat}: {pad} (uitgave {nummer}: de andere machines volgen)"
            )
