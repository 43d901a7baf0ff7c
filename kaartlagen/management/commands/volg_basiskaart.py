from django.core.management.base import BaseCommand

from kaartlagen.basiskaart import bijhouden


class Command(BaseCommand):
    help = (
        "Houd de basiskaart van deze machine bij (MapProxy, MapServer, kaartjes in mails): bij elke nieuwe "
        "uitgave in de database (bouw_basiskaart of een gewijzigde kaartlaag op welke machine ook) schrijft "
        "hij de bestanden in BASISKAART_DIR opnieuw. Eén per machine, naast web en worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wacht",
            type=float,
            default=30.0,
            help="vraag ook zonder bericht elke zoveel seconden naar de nieuwste uitgave (standaard 30)",
        )

    def handle(self, *args, wacht, verbosity, **options):
        def meld(tekst):
            if verbosity:
                self.stdout.write(f"Basiskaart: {tekst}")
                self.stdout.flush()

        bijhouden.volg(wacht=wacht, meld=meld, klaar=lambda: meld("volgt de uitgaven"))
