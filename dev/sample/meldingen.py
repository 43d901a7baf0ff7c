"""Sample meldingen for development: the teams, categories and routing rules of a typical municipality,
and a few meldingen at sample addresses. A production database gets none of this: there the
municipality makes its own categories and teams in the admin."""

from django.db import transaction

from kaartlagen.models import Verblijfsobject
from loket.meldingen import services
from loket.meldingen.models import Categorie, Melding, Routeringsregel
from loket.zaken import services as zaken
from loket.zaken.models import Team

TEAMS = [
    ("wegen", "Stadsbeheer Wegen"),
    ("verlichting", "Openbare verlichting"),
    ("afval", "Afval en reiniging"),
    ("groen", "Stadsbeheer Groen"),
    ("handhaving", "Handhaving"),
    ("kcc", "KCC"),
]
# hoofdcategorie: (slug, team, [(sub naam, slug, afhandeltermijn in dagen)])
CATEGORIEEN = {
    "Wegen en verkeer": (
        "wegen-en-verkeer",
        "wegen",
        [
            ("Losse stoeptegel", "losse-stoeptegel", 14),
            ("Gat in de weg", "gat-in-de-weg", 5),
            ("Verkeersbord kapot", "verkeersbord-kapot", 10),
        ],
    ),
    "Straatverlichting": (
        "straatverlichting",
        "verlichting",
        [
            ("Lamp kapot", "lamp-kapot", 10),
            ("Lamp brandt overdag", "lamp-brandt-overdag", 10),
        ],
    ),
    "Afval": (
        "afval",
        "afval",
        [
            ("Zwerfvuil", "zwerfvuil", 3),
            ("Container vol", "container-vol", 2),
            ("Grofvuil op straat", "grofvuil-op-straat", 5),
        ],
    ),
    "Groen": (
        "groen",
        "groen",
        [
            ("Overhangend groen", "overhangend-groen", 20),
            ("Boom is gevaarlijk", "boom-gevaarlijk", 2),
            ("Onkruid", "onkruid", 28),
        ],
    ),
    "Overlast": (
        "overlast",
        "handhaving",
        [
            ("Geluidsoverlast", "geluidsoverlast", 3),
            ("Parkeeroverlast", "parkeeroverlast", 3),
            ("Andere overlast", "andere-overlast", 5),
        ],
    ),
}


@transaction.atomic
def maak_categorieen() -> None:
    """Teams, categories and routing rules; running it again changes nothing."""
    teams = {
        code: Team.objects.update_or_create(code=code, defaults={"naam": naam})[0] for code, naam in TEAMS
    }
    for volgorde, (naam, (slug, team, subs)) in enumerate(CATEGORIEEN.items(), 1):
        hoofd, _ = Categorie.objects.update_or_create(
            slug=slug, defaults={"naam": naam, "volgorde": volgorde}
        )
        for subvolgorde, (subnaam, subslug, termijn) in enumerate(subs, 1):
            Categorie.objects.update_or_create(
                slug=subslug,
                defaults={
                    "naam": subnaam,
                    "hoofdcategorie": hoofd,
                    "afhandeltermijn_dagen": termijn,
                    "volgorde": subvolgorde,
                },
            )
        Routeringsregel.objects.update_or_create(
            naam=naam, defaults={"volgorde": volgorde * 10, "categorie": hoofd, "team": teams[team]}
        )
    Routeringsregel.objects.update_or_create(
        naam="Al het andere", defaults={"volgorde": 1000, "team": teams["kcc"]}
    )


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


def maak_meldingen(schrijf=print) -> None:
    """A few meldingen at sample addresses (deterministic; does nothing when there are meldingen)."""
    if Melding.objects.exists():
        schrijf("Er zijn al meldingen; niets gedaan.")
        return
    # Every 97th address: spread over the sample, the same ones on every machine.
    plekken = list(
        Verblijfsobject.objects.filter(actief=True).order_by("identificatie")[::97][: len(VOORBEELDEN)]
    )
    if len(plekken) < len(VOORBEELDEN):
        schrijf("Te weinig adressen geladen (draai eerst make load); niets gedaan.")
        return
    for (categorie, tekst, statussen), vbo in zip(VOORBEELDEN, plekken, strict=False):
        melding = services.meld(services.Invoer(categorie, tekst, vbo.geom.x + 4, vbo.geom.y + 3))
        for status in statussen:
            zaken.wijzig_status(
                melding.zaak, status, tekst_voor_burger=TEKSTEN[status], door_omschrijving="voorbeeld"
            )
        schrijf(f"{melding.zaak.referentie}: {melding.categorie} bij {melding.zaak.adres or 'geen adres'}")
