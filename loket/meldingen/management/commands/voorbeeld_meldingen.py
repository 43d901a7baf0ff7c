"""A few sample meldingen at sample addresses for `make run` (deterministic; does nothing twice)."""

from django.core.management.base import BaseCommand

from kaartlagen.models import Verblijfsobject
from loket.meldingen import services
from loket.meldingen.models import Melding
from loket.zaken import services as zaken

VOORBEELDEN = [
    ("losse-stoeptegel", "Stoeptegel ligt los, je struikelt er bijna over.", ["in_behandeling"]),
    ("lamp-kapot", "De lantaarnpaal voor de deur brandt al een week niet.", ["ingepland"]),
    ("zwerfvuil", "Zakken afval naast de container.", []),
    ("overhangend-groen", "Takken hangen over het fietspad.", ["in_behandeling", "afgehandeld"]),
    ("gat-in-de-weg", "Diep gat in het asfalt bij de kruising.", []),
    ("container-vol", "Glasbak is vol.", ["afgehandeld"]),
    ("parkeeroverlast", "Auto's staan op de stoep.", ["geannuleerd"]),
    ("boom-gevaarlijk", "Grote tak is half afgebroken.", []),
]
TEKSTEN = {
    "in_behandeling": "We hebben uw melding bekeken en gaan aan de slag.",
    "ingepland": "De monteur komt volgende week.",
    "afgehandeld": "Het is opgelost. Bedankt voor uw melding.",
    "geannuleerd": "Hier kunnen wij niets aan doen; de politie is ingelicht.",
}


class Command(BaseCommand):
    help = "Maak een paar voorbeeldmeldingen bij voorbeeldadressen (alleen als er nog geen meldingen zijn)."

    def handle(self, *args, **options):
        if Melding.objects.exists():
            self.stdout.write("Er zijn al meldingen; niets gedaan.")
            return
        # Every 97th address: spread over the sample, the same ones on every machine.
        plekken = list(
            Verblijfsobject.objects.filter(actief=True).order_by("identificatie")[::97][: len(VOORBEELDEN)]
        )
        if len(plekken) < len(VOORBEELDEN):
            self.stdout.write("Te weinig adressen geladen (draai eerst make load); niets gedaan.")
            return
        for (categorie, tekst, statussen), vbo in zip(VOORBEELDEN, plekken, strict=False):
            melding = services.meld(services.Invoer(categorie, tekst, vbo.geom.x + 4, vbo.geom.y + 3))
            for status in statussen:
                zaken.wijzig_status(
                    melding.zaak, status, tekst_voor_burger=TEKSTEN[status], door_omschrijving="voorbeeld"
                )
            self.stdout.write(
                f"{melding.zaak.referentie}: {melding.categorie} bij {melding.zaak.adres or 'geen adres'}"
            )
