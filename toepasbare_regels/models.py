"""Toepasbare regels as stored: the delivered STTR files (versioned), the werkzaamheden catalogue that
points citizens to activiteiten, saved vergunningcheck sessions, and facts users say are wrong."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.utils import timezone

from kern.crs import RD_NEW

SESSIE_BEWAARTERMIJN = timedelta(days=90)


def bestand_sleutel(namespace: str, naam: str) -> str:
    """A short id that stays the same across versions of one file (DSO: namespace + name identify it)."""
    return hashlib.sha1(f"{namespace}\n{naam}".encode()).hexdigest()[:10]  # noqa: S324 (an id, not security)


class ToepasbareRegelBestand(models.Model):
    class Typering(models.TextChoices):
        CONCLUSIE = "Conclusie"
        INDIENINGSVEREISTEN = "Indieningsvereisten"
        MAATREGELEN = "Maatregelen"
        OVERIG = "Overig"

    sleutel = models.CharField(
        max_length=10, db_index=True, help_text="Gelijk voor alle versies van één bestand"
    )
    naam = models.CharField(max_length=300)
    namespace = models.CharField(max_length=300)
    refs = ArrayField(
        models.CharField(max_length=500), help_text="functioneleStructuurRefs van de topbesluiten"
    )
    typering = models.CharField(max_length=20, choices=Typering.choices)
    toestemming = models.CharField(max_length=20, blank=True, help_text="Vergunning, Melding of Informatie")
    activiteiten = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    dmn = models.TextField(help_text="Het bestand zoals aangeleverd")
    sha256 = models.CharField(max_length=64)
    begin_geldigheid = models.DateField()
    eind_geldigheid = models.DateField(null=True, blank=True)
    bron = models.CharField(max_length=500, blank=True)
    geimporteerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "toepasbare-regelbestand"
        verbose_name_plural = "toepasbare-regelbestanden"
        ordering = ["naam", "-begin_geldigheid"]
        indexes = [
            GinIndex(name="trb_refs_gin", fields=["refs"]),
            GinIndex(name="trb_act_gin", fields=["activiteiten"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "begin_geldigheid"], name="trb_een_versie_per_dag")
        ]

    def __str__(self):
        return f"{self.naam} (vanaf {self.begin_geldigheid})"


class Werkzaamheid(models.Model):
    """What a citizen wants to do, in their words; points to the juridische activiteiten it involves."""

    urn = models.CharField(max_length=200, unique=True, help_text="Bijv. DakkapelPlaatsen")
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    synoniemen = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    activiteiten = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    zoektekst = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name_plural = "werkzaamheden"
        ordering = ["naam"]
        indexes = [GinIndex(name="werkzaamheid_zoek_trgm", fields=["zoektekst"], opclasses=["gin_trgm_ops"])]

    def save(self, *args, **kwargs):
        self.zoektekst = " ".join([self.naam, *self.synoniemen]).lower()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.naam

    @property
    def functionele_structuur_ref(self) -> str:
        return f"http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/{self.urn}"


def _token() -> str:
    return secrets.token_urlsafe(18)


def _verloopt() -> timezone.datetime:
    return timezone.now() + SESSIE_BEWAARTERMIJN


class CheckSessie(models.Model):
    """A saved vergunningcheck: the permalink. Holds answers about a plan, no personal data."""

    token = models.CharField(max_length=40, primary_key=True, default=_token)
    werkzaamheden = ArrayField(models.CharField(max_length=200))
    locatie = models.GeometryField(srid=RD_NEW)
    antwoorden = models.JSONField(default=dict, blank=True)
    betwist = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    stappen = models.JSONField(
        default=list, blank=True, help_text="De vraag-id's per beantwoorde pagina, voor 'vorige'"
    )
    peildatum = models.DateField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField(default=_verloopt, db_index=True)

    class Meta:
        verbose_name = "vergunningcheck"
        verbose_name_plural = "vergunningchecks"


class FeitBetwisting(models.Model):
    """A user said a fact we filled in from our data is wrong: work for the data owner."""

    feit = models.CharField(max_length=100)
    waarde = models.CharField(max_length=200)
    locatie = models.PointField(srid=RD_NEW)
    toelichting = models.TextField(blank=True, max_length=1000)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    afgehandeld = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "betwiste feiten"
        ordering = ["-aangemaakt"]


class Antwoordkoppeling(models.Model):
    """Staff say: this question of a rule file is answered by this feit (data-answer), so it is never
    asked where the data knows. A koppeling holds the question text it was made for: a new version of
    the file keeps it while the question reads the same, and drops it (the question is asked again)
    when the text changed."""

    feit = models.CharField(max_length=100)
    bestand_sleutel = models.CharField(
        max_length=10,
        blank=True,
        help_text="Het regelbestand (alle versies); leeg: elk bestand met deze vraag",
    )
    uitvoeringsregel = models.CharField(max_length=200, blank=True, help_text="Leeg: op vraagtekst")
    vraagtekst = models.CharField(max_length=1000, help_text="De vraag, genormaliseerd (kleine letters)")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "antwoordkoppelingen"
        ordering = ["feit", "vraagtekst"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestand_sleutel", "uitvoeringsregel", "vraagtekst"], name="antwoordkoppeling_uniek"
            )
        ]

    def __str__(self):
        return f"{self.vraagtekst[:60]} → {self.feit}"


class Regelstand(models.Model):
    """One row that triggers change with every statement that writes rule files, werkzaamheden,
    antwoordkoppelingen or omgevingsplan activiteiten (migration 0003): the key of each process's
    cache of what those tables say (toepasbare_regels.regelcache). `gewijzigd` keeps the key unique
    even when a rolled-back change left `versie` where it was."""

    versie = models.BigIntegerField(default=0)
    gewijzigd = models.DateTimeField(default=timezone.now)
