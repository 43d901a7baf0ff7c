"""Buurtberichten: what happens in a street (bericht), who wants to hear it (abonnement with its
gebieden) and the record that one subscriber was given one bericht (bezorging, unique per pair).

Personal data lives only in `Abonnement` (e-mail, consent) and `Gebied.omschrijving` (an address the
subscriber chose); a `Bericht` never holds any, it is public."""

import secrets
import uuid

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db.models import Q

from kern.crs import RD_NEW


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


class Onderwerp(models.TextChoices):
    WERKZAAMHEDEN = "werkzaamheden", "Werkzaamheden"
    OMLEIDING = "omleiding", "Omleidingen"
    EVENEMENT = "evenement", "Evenementen"
    HERINRICHTINGSPLAN = "herinrichtingsplan", "Plannen voor de straat (herinrichting)"
    VERGUNNINGAANVRAAG = "vergunningaanvraag", "Aanvragen voor een vergunning"
    BESLUIT = "besluit", "Besluiten op een aanvraag"
    MELDINGEN = "meldingen", "Meldingen over de openbare ruimte"
    OMGEVINGSPLAN = "omgevingsplan", "Wijzigingen in het omgevingsplan"


# What staff write by hand in the backoffice; the other onderwerpen come from the outbox.
HANDMATIG = [
    Onderwerp.WERKZAAMHEDEN,
    Onderwerp.OMLEIDING,
    Onderwerp.EVENEMENT,
    Onderwerp.HERINRICHTINGSPLAN,
]


class Frequentie(models.TextChoices):
    DIRECT = "direct", "Direct, per bericht"
    DAGELIJKS = "dagelijks", "Eén keer per dag (overzicht)"
    WEKELIJKS = "wekelijks", "Eén keer per week (overzicht)"


class Abonnement(models.Model):
    email = models.EmailField(max_length=254)
    onderwerpen = ArrayField(models.CharField(max_length=30, choices=Onderwerp.choices))
    frequentie = models.CharField(max_length=10, choices=Frequentie.choices, default=Frequentie.WEKELIJKS)
    gepauzeerd = models.BooleanField(default=False)
    aangemaakt = models.DateTimeField(auto_now_add=True, db_index=True)
    # Consent: when the confirmation link was used, and where the subscription was made.
    bevestigd_op = models.DateTimeField(null=True, blank=True)
    bron = models.CharField(max_length=60, help_text="Waar de toestemming is gegeven, bijv. 'website'")
    # One secret per subscriber for its manage/unsubscribe/inzage links; the confirmation link has its
    # own, so a forwarded confirmation mail does not hand over the rest.
    token = models.CharField(max_length=64, unique=True, default=nieuw_token)
    bevestig_token = models.CharField(max_length=64, unique=True, default=nieuw_token)

    class Meta:
        indexes = [
            GinIndex(fields=["onderwerpen"], name="abonnement_onderwerpen"),
            models.Index(fields=["email"], name="abonnement_email"),
        ]

    def __str__(self):
        return f"abonnement {self.pk}"

    @property
    def actief(self) -> bool:
        return self.bevestigd_op is not None and not self.gepauzeerd

    def werk_gebieden_bij(self) -> None:
        """Copy what matching filters on into the areas (see Gebied): call after every change."""
        self.gebieden.update(onderwerpen=self.onderwerpen, frequentie=self.frequentie, actief=self.actief)


class Gebied(models.Model):
    """One area of a subscription, stored as the polygon it covers (a circle for an address).

    Topics, frequency and whether the subscription is active are copied here from the subscription
    (`Abonnement.werk_gebieden_bij`): matching then reads this table alone, through a GiST index over
    the active areas only, without a join per candidate."""

    class Soort(models.TextChoices):
        ADRES = "adres", "Adres met straal"
        BUURT = "buurt", "Buurt"
        WIJK = "wijk", "Wijk"
        GETEKEND = "getekend", "Zelf getekend gebied"

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="gebieden")
    soort = models.CharField(max_length=10, choices=Soort.choices)
    omschrijving = models.CharField(max_length=200)
    straal_m = models.PositiveIntegerField(null=True, blank=True)
    code = models.CharField(max_length=16, blank=True, help_text="buurt- of wijkcode")
    geom = models.MultiPolygonField(srid=RD_NEW, spatial_index=False)
    onderwerpen = ArrayField(models.CharField(max_length=30), default=list)
    frequentie = models.CharField(max_length=10, default=Frequentie.WEKELIJKS)
    actief = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "gebieden"
        ordering = ["abonnement", "id"]
        indexes = [GistIndex(fields=["geom"], condition=Q(actief=True), name="gebied_actief_geom")]


class Bericht(models.Model):
    """A public message about a place: never personal data."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(max_length=30, choices=Onderwerp.choices, db_index=True)
    titel = models.CharField(max_length=200)
    tekst = models.TextField()
    link = models.URLField(blank=True, max_length=500)
    geom = models.GeometryField(srid=RD_NEW)
    begin = models.DateField(null=True, blank=True)
    eind = models.DateField(null=True, blank=True)
    gepubliceerd = models.DateTimeField(db_index=True)
    # Where an automatic bericht came from (unique: the outbox consumer may see an event twice).
    bron_sleutel = models.CharField(max_length=200, unique=True, null=True, blank=True)
    # Set once every matching subscriber has its bezorging (the fan-out is done).
    verspreid_op = models.DateTimeField(null=True, blank=True)
    kaartbeeld = models.BinaryField(null=True, blank=True, editable=False, help_text="PNG voor e-mails")

    class Meta:
        verbose_name_plural = "berichten"
        ordering = ["-gepubliceerd", "-id"]
        indexes = [
            models.Index(
                fields=["gepubliceerd"], condition=Q(verspreid_op__isnull=True), name="bericht_open"
            ),
        ]

    def __str__(self):
        return self.titel


class Bezorging(models.Model):
    """This subscriber gets this bericht: made once per pair (the unique key), mailed once."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="+")
    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # When it went into a mail (direct or a digest); empty: waiting for the next digest.
    gemaild_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "bezorgingen"
        constraints = [
            models.UniqueConstraint(fields=["abonnement", "bericht"], name="een_bezorging_per_paar")
        ]
        indexes = [
            models.Index(fields=["abonnement"], condition=Q(gemaild_op__isnull=True), name="bezorging_open"),
        ]


class Bevestigingsteller(models.Model):
    """Confirmation mails per address per day: nobody can mail-bomb a neighbour. Only a keyed hash of
    the address is stored."""

    sleutel = models.CharField(max_length=64)
    dag = models.DateField()
    aantal = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sleutel", "dag"], name="een_teller_per_dag")]


class Parkeerplaats(models.Model):
    """An outbox event the consumer could not handle, with its reason: the rest goes on."""

    gebeurtenis = models.BigIntegerField(unique=True)
    soort = models.CharField(max_length=40)
    reden = models.CharField(max_length=500)
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "geparkeerde gebeurtenis"
        verbose_name_plural = "geparkeerde gebeurtenissen"


class Webhookabonnement(models.Model):
    """An organisation's subscription after the VNG Notificaties API: kanaal, filters, callback, auth.
    The body is a CloudEvent (NL GOV profile), signed with HMAC-SHA256 over the body with `geheim`."""

    naam = models.CharField(max_length=100, help_text="Van wie dit abonnement is")
    kanaal = models.CharField(max_length=40, default="buurtberichten")
    # Kenmerken a bericht must have: {"soort": [...], "buurtcode": [...]}; empty: everything.
    filters = models.JSONField(default=dict, blank=True)
    callback_url = models.URLField(max_length=200)
    auth = models.CharField(max_length=500, blank=True, help_text="Waarde van de Authorization-header")
    geheim = models.CharField(
        max_length=64, default=nieuw_token, help_text="Sleutel voor de HMAC-handtekening"
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "webhookabonnementen"

    def __str__(self):
        return self.naam


class Webhookbezorging(models.Model):
    """One CloudEvent to one webhook subscriber: at least once, with backoff, every attempt counted."""

    abonnement = models.ForeignKey(Webhookabonnement, on_delete=models.CASCADE, related_name="bezorgingen")
    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="+")
    pogingen = models.PositiveSmallIntegerField(default=0)
    volgende_poging = models.DateTimeField(db_index=True)
    afgeleverd_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "webhookbezorgingen"
        constraints = [models.UniqueConstraint(fields=["abonnement", "bericht"], name="een_webhook_per_paar")]


class Meldingendag(models.Model):
    """Meldingen of one street on one day, counted as the outbox tells them: one bericht per street
    per day instead of one per pothole. Only the public (rounded) locations are kept."""

    straat = models.CharField(max_length=16, help_text="identificatie van de openbare ruimte, of buurtcode")
    straatnaam = models.CharField(max_length=100)
    dag = models.DateField()
    aangemaakt = models.PositiveIntegerField(default=0)
    afgehandeld = models.PositiveIntegerField(default=0)
    punten = models.MultiPointField(srid=RD_NEW, spatial_index=False)
    bericht = models.ForeignKey(Bericht, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name_plural = "meldingendagen"
        constraints = [
            models.UniqueConstraint(fields=["straat", "dag"], name="een_telling_per_straat_per_dag")
        ]
