"""The zaak core after the ZGW concepts (Catalogi: zaaktype, statustype; Zaken: zaak, status).

One status machine for every kind of zaak: the statustypen of a zaaktype and the overgangen between
them are rows, so a meldingen flow and a DSO verzoek flow differ in data, not in code.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.db.models.expressions import Func

from kern.crs import RD_NEW


class HuidigeTransactie(Func):
    """The id of the writing transaction: consumers of the outbox read only what every older
    transaction has finished, so an event committed late can never be skipped."""

    template = "(pg_current_xact_id()::text::bigint)"
    output_field = models.BigIntegerField()


class Team(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=100)
    leden = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="zaak_teams")

    class Meta:
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Zaaktype(models.Model):
    code = models.SlugField(max_length=40, unique=True, help_text="bijv. melding-openbare-ruimte")
    omschrijving = models.CharField(max_length=200)
    prefix = models.CharField(
        max_length=8, unique=True, help_text="Begin van de publieke referentie, bijv. MOR → MOR-2026-000123"
    )
    afhandeltermijn_dagen = models.PositiveIntegerField(default=14)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.omschrijving

    def beginstatus(self) -> "Statustype":
        return self.statustypen.get(is_begin=True)


class Statustype(models.Model):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="statustypen")
    code = models.SlugField(max_length=40)
    omschrijving = models.CharField(max_length=100)
    volgnummer = models.PositiveSmallIntegerField()
    is_begin = models.BooleanField(default=False, help_text="De status van een nieuwe zaak")
    is_eind = models.BooleanField(default=False, help_text="De zaak is hiermee afgesloten (einddatum)")
    tekst_voor_burger = models.TextField(blank=True, help_text="Standaardtekst als de medewerker niets typt")

    class Meta:
        ordering = ["zaaktype", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "code"], name="statustype_code_per_zaaktype"),
            models.UniqueConstraint(
                fields=["zaaktype"], condition=Q(is_begin=True), name="een_beginstatus_per_zaaktype"
            ),
        ]

    def __str__(self):
        return self.omschrijving


class Statusovergang(models.Model):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="overgangen")
    van = models.ForeignKey(Statustype, on_delete=models.CASCADE, related_name="+")
    naar = models.ForeignKey(Statustype, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name_plural = "statusovergangen"
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "van", "naar"], name="een_overgang_per_paar")
        ]

    def __str__(self):
        return f"{self.van} → {self.naar}"


class Volgnummer(models.Model):
    """The last number handed out per zaaktype and year; incremented under a row lock."""

    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["zaaktype", "jaar"], name="volgnummer_per_jaar")]


def zichtbaar_filter(user, pad: str = "") -> Q:
    """Which zaken a user may see, as a condition (`pad` leads from another model to its zaak, e.g.
    "zaak__"): everyone with the right 'alle zaken' sees all, other staff their teams' and those of
    the zaaktypen they have the permission for (loket.zaken.toegang), others none."""
    from loket.zaken.toegang import zaaktype_codes  # imports the login form: not while models load

    if not user.is_authenticated or not user.is_staff:
        return Q(pk__in=[])
    if user.has_perm("zaken.alle_zaken"):
        return Q()
    # The team ids as a plain list: the planner can then use the (team, date) index directly.
    zichtbaar = Q(**{f"{pad}behandelend_team__in": list(user.zaak_teams.values_list("pk", flat=True))})
    if codes := zaaktype_codes(user):
        ids = list(Zaaktype.objects.filter(code__in=codes).values_list("pk", flat=True))
        zichtbaar |= Q(**{f"{pad}zaaktype__in": ids})
    return zichtbaar


class ZaakQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        return self.filter(zichtbaar_filter(user))

    def open(self):
        return self.filter(einddatum__isnull=True)


class Zaak(models.Model):
    referentie = models.CharField(max_length=24, unique=True, editable=False)
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.PROTECT, related_name="zaken")
    omschrijving = models.TextField(blank=True)
    geometrie = models.GeometryField(srid=RD_NEW, null=True, blank=True)
    # What the public may see of the location (e.g. rounded to 10 m); empty: the zaak is not on a
    # public map. Stored, never derived from `geometrie` at read time.
    locatie_openbaar = models.PointField(srid=RD_NEW, null=True, blank=True, spatial_index=False)
    # Enrichment at registration: what lies at the location, from the kaartlagen tables.
    adres = models.CharField(max_length=200, blank=True)
    nummeraanduiding = models.CharField(max_length=16, blank=True)
    buurtcode = models.CharField(max_length=10, blank=True)
    buurtnaam = models.CharField(max_length=100, blank=True)
    wijkcode = models.CharField(max_length=8, blank=True, db_index=True)
    wijknaam = models.CharField(max_length=100, blank=True)
    bgt_objecttype = models.CharField(max_length=40, blank=True)
    bgt_functie = models.CharField(max_length=80, blank=True)
    bgt_lokaal_id = models.CharField(max_length=60, blank=True)

    status = models.ForeignKey(Statustype, on_delete=models.PROTECT, related_name="+")
    behandelend_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="zaken"
    )
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registratiedatum = models.DateTimeField(db_index=True)
    startdatum = models.DateField()
    uiterlijke_einddatum = models.DateField(help_text="startdatum + afhandeltermijn")
    einddatum = models.DateTimeField(null=True, blank=True, db_index=True)
    laatste_statuswijziging = models.DateTimeField()
    bron = models.CharField(max_length=20, default="loket", help_text="bijv. loket, dso")
    externe_identificatie = models.CharField(
        max_length=60, blank=True, help_text="Nummer bij de bron, bijv. het DSO-verzoeknummer"
    )

    objects = ZaakQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "zaken"
        ordering = ["-registratiedatum"]
        permissions = [("alle_zaken", "Mag de zaken van alle teams zien")]
        constraints = [
            models.UniqueConstraint(
                fields=["bron", "externe_identificatie"],
                condition=~Q(externe_identificatie=""),
                name="externe_identificatie_per_bron",
            )
        ]
        indexes = [
            models.Index(fields=["zaaktype", "status", "-registratiedatum"], name="zaak_lijst"),
            models.Index(fields=["behandelend_team", "-registratiedatum"], name="zaak_team"),
            # A buurt's zaken, newest first (backoffice filter, buurt dashboards).
            models.Index(fields=["buurtcode", "-registratiedatum"], name="zaak_buurt"),
            # "Over termijn": the few open zaken past their date, per team.
            models.Index(
                fields=["behandelend_team", "uiterlijke_einddatum"],
                condition=Q(einddatum__isnull=True, behandelend_team__isnull=False),
                name="zaak_open_team_termijn",
            ),
        ]

    def __str__(self):
        return self.referentie


class Status(models.Model):
    """One step in a zaak's history; `tekst_voor_burger` is what the resident sees, the rest not."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey(Statustype, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    door_omschrijving = models.CharField(max_length=100, blank=True, help_text="bijv. 'melder', 'systeem'")
    toelichting_intern = models.TextField(blank=True)
    tekst_voor_burger = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "statussen"
        ordering = ["zaak", "tijdstip", "id"]


def _document_pad(document, bestandsnaam):
    return f"zaken/{document.zaak.registratiedatum:%Y/%m}/{document.zaak.referentie}/{bestandsnaam}"


class Document(models.Model):
    """A document or photo of a zaak. Not publicly served: only through staff views."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="documenten")
    bestand = models.FileField(upload_to=_document_pad, max_length=300)
    titel = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField()
    # Sent in by the resident who started the zaak (the melder's photo, the aanvrager's bijlage). Only
    # these may be shown back to them; what staff add never is. Marked where the document is made.
    van_indiener = models.BooleanField(
        default=False, help_text="Door de melder of aanvrager zelf ingediend (niet door een medewerker)"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "documenten"
        ordering = ["zaak", "id"]


class Gebeurtenis(models.Model):
    """The outbox of domain events, written in the transaction that makes the change."""

    soort = models.CharField(max_length=40, db_index=True, help_text="bijv. zaak.aangemaakt")
    zaak = models.ForeignKey(Zaak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    referentie = models.CharField(max_length=24, blank=True)
    gegevens = models.JSONField(default=dict, help_text="Nooit persoonsgegevens")
    tijdstip = models.DateTimeField(auto_now_add=True)
    transactie = models.BigIntegerField(db_default=HuidigeTransactie(), editable=False)

    class Meta:
        verbose_name_plural = "gebeurtenissen"
        ordering = ["transactie", "id"]
        indexes = [models.Index(fields=["transactie", "id"], name="gebeurtenis_volgorde")]


class GebeurtenisConsument(models.Model):
    """How far one consumer (buurtnotificaties, a dashboard) has read the outbox."""

    naam = models.SlugField(max_length=60, unique=True)
    transactie = models.BigIntegerField(default=0)
    gebeurtenis = models.BigIntegerField(default=0)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "gebeurtenisconsument"
        verbose_name_plural = "gebeurtenisconsumenten"
