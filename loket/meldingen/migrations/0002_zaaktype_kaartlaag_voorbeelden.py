"""The zaaktype with its status flow, the public materialized view and layer, and sample categories, teams and
routing rules (staff change them in the admin afterwards)."""

from django.db import migrations

from loket.meldingen.zaaktype import MELDING
from loket.zaken.definitie import definieer

# The public layer: a materialized view with its own GiST index, refreshed every minute by the job
# `meldingen.ververs_openbaar` (see docs/decisions/0008-meldingen-openbaar-en-mail.md).
OPENBAAR_SELECT = """
SELECT z.id, z.locatie_openbaar AS geom, c.naam AS categorie, h.naam AS hoofdcategorie,
       s.omschrijving AS status, (z.registratiedatum AT TIME ZONE 'Europe/Amsterdam')::date AS datum,
       z.registratiedatum
FROM zaken_zaak z
JOIN meldingen_melding m ON m.zaak_id = z.id
JOIN meldingen_categorie c ON c.id = m.categorie_id
JOIN meldingen_categorie h ON h.id = c.hoofdcategorie_id
JOIN zaken_statustype s ON s.id = z.status_id
WHERE z.einddatum IS NULL AND z.locatie_openbaar IS NOT NULL
"""
OPENBAAR = [
    f"CREATE MATERIALIZED VIEW meldingen_openbaar AS {OPENBAAR_SELECT}",
    # Unique: REFRESH … CONCURRENTLY needs it, so readers are never blocked by a refresh.
    "CREATE UNIQUE INDEX meldingen_openbaar_id ON meldingen_openbaar (id)",
    "CREATE INDEX meldingen_openbaar_geom_gist ON meldingen_openbaar USING gist (geom)",
    "CREATE INDEX meldingen_openbaar_registratiedatum ON meldingen_openbaar (registratiedatum)",
]

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
    "Wegen en verkeer": ("wegen-en-verkeer", "wegen", [
        ("Losse stoeptegel", "losse-stoeptegel", 14),
        ("Gat in de weg", "gat-in-de-weg", 5),
        ("Verkeersbord kapot", "verkeersbord-kapot", 10),
    ]),
    "Straatverlichting": ("straatverlichting", "verlichting", [
        ("Lamp kapot", "lamp-kapot", 10),
        ("Lamp brandt overdag", "lamp-brandt-overdag", 10),
    ]),
    "Afval": ("afval", "afval", [
        ("Zwerfvuil", "zwerfvuil", 3),
        ("Container vol", "container-vol", 2),
        ("Grofvuil op straat", "grofvuil-op-straat", 5),
    ]),
    "Groen": ("groen", "groen", [
        ("Overhangend groen", "overhangend-groen", 20),
        ("Boom is gevaarlijk", "boom-gevaarlijk", 2),
        ("Onkruid", "onkruid", 28),
    ]),
    "Overlast": ("overlast", "handhaving", [
        ("Geluidsoverlast", "geluidsoverlast", 3),
        ("Parkeeroverlast", "parkeeroverlast", 3),
        ("Andere overlast", "andere-overlast", 5),
    ]),
}


def maak(apps, schema_editor):
    definieer(MELDING, apps)
    Team = apps.get_model("zaken", "Team")
    Categorie = apps.get_model("meldingen", "Categorie")
    Routeringsregel = apps.get_model("meldingen", "Routeringsregel")
    teams = {code: Team.objects.update_or_create(code=code, defaults={"naam": naam})[0] for code, naam in TEAMS}
    for volgorde, (naam, (slug, team, subs)) in enumerate(CATEGORIEEN.items(), 1):
        hoofd, _ = Categorie.objects.update_or_create(slug=slug, defaults={"naam": naam, "volgorde": volgorde})
        for subvolgorde, (subnaam, subslug, termijn) in enumerate(subs, 1):
            Categorie.objects.update_or_create(
                slug=subslug,
                defaults={"naam": subnaam, "hoofdcategorie": hoofd, "afhandeltermijn_dagen": termijn,
                          "volgorde": subvolgorde},
            )
        Routeringsregel.objects.update_or_create(
            naam=naam, defaults={"volgorde": volgorde * 10, "categorie": hoofd, "team": teams[team]}
        )
    Routeringsregel.objects.update_or_create(
        naam="Al het andere", defaults={"volgorde": 1000, "team": teams["kcc"]}
    )
    apps.get_model("kaartlagen", "Kaartlaag").objects.update_or_create(
        naam="meldingen",
        defaults={
            "titel": "Open meldingen", "groep": "Meldingen", "bron": "meldingen_open",
            "stijl": {"kleur": "#b3261e"}, "min_zoom": 11, "standaard_aan": False, "volgorde": 60,
            "attributie": "Gemeente Den Helder, meldingen openbare ruimte (ligging op 10 m afgerond)",
        },
    )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam="meldingen").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0001_meldingen"),
        ("zaken", "0005_locatie_openbaar"),
        ("kaartlagen", "0005_externe_lagen"),
    ]
    operations = [
        migrations.RunSQL(OPENBAAR, "DROP MATERIALIZED VIEW meldingen_openbaar"),
        migrations.RunPython(maak, verwijder),
    ]
