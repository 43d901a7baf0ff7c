"""What was imported, from which file, with what outcome: makes imports resumable and auditable.

The BAG, BGT, CBS and omgevingsplan importers write one row per file, so the run record lives in the
kernel, below all of them. (STTR files are versioned by their sha256 in their own table.) Also the
stored first answers of idempotent POSTs (`IdempotentAntwoord`) and the rate-limit counters."""

from django.contrib.gis.db import models as gis_models
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from kern.crs import RD_NEW
from kern.importing import importrun


class ImportRun(models.Model):
    """One file of an import. The importers write these rows in SQL (kern/importing/importrun.py)."""

    class Status(models.TextChoices):
        BEZIG = importrun.BEZIG, "Bezig"
        KLAAR = importrun.KLAAR, "Klaar"
        MISLUKT = importrun.MISLUKT, "Mislukt"

    soort = models.CharField(max_length=10, help_text="bag, bgt, cbs, imow, imro, …")
    bestand = models.CharField(max_length=500, help_text="Bestand, of zip!lid voor een bestand in een zip")
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BEZIG)
    gestart = models.DateTimeField(auto_now_add=True)
    klaar = models.DateTimeField(null=True, blank=True)
    telling = models.JSONField(default=dict, blank=True)
    bevindingen = models.JSONField(default=list, blank=True, help_text="Overgeslagen of herstelde objecten")
    fout = models.TextField(blank=True)

    class Meta:
        ordering = ["-gestart"]
        indexes = [models.Index(fields=["soort", "sha256", "status"], name="importrun_soort_sha_status")]

    def __str__(self):
        return f"{self.soort} {self.bestand} ({self.status})"


class Verzoekteller(models.Model):
    """Requests per client and kind per hour, for `kern.ratelimit` (shared by all web processes).
    The key is a keyed hash of kind and IP address, never the address itself."""

    sleutel = models.CharField(max_length=64)
    venster = models.DateTimeField()
    aantal = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sleutel", "venster"], name="kern_teller_per_venster")]
        indexes = [
            models.Index(
                fields=["venster"], name="kern_verzoekteller_venster", condition=models.Q(aantal__gt=0)
            )
        ]

    def __str__(self):
        return f"{self.venster:%Y-%m-%d %H}u: {self.aantal}"


class Gemeentegrens(models.Model):
    """The municipality's boundary as CBS publishes it (gemeentegrenzen); kern.gemeente derives the
    bounding box from it. One row per CBS code, so a regional installation may hold several."""

    cbs_code = models.CharField(max_length=6, unique=True, help_text="GM + vier cijfers")
    naam = models.CharField(max_length=100)
    geom = gis_models.MultiPolygonField(srid=RD_NEW)
    bron = models.CharField(max_length=500, help_text="Het bestand waaruit de grens komt")
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "gemeentegrenzen"

    def __str__(self):
        return f"{self.naam} ({self.cbs_code})"


class IdempotentAntwoord(models.Model):
    """The first answer to a creating POST sent with an Idempotency-Key (kern/idempotentie.py)."""

    operatie = models.CharField(max_length=60)
    wie = models.CharField(max_length=40, help_text="gebruiker:<id> of anoniem")
    sleutel = models.CharField(max_length=200)
    afdruk = models.CharField(max_length=64, help_text="SHA-256 van methode, pad, velden en bestanden")
    status = models.PositiveSmallIntegerField()
    inhoud = models.JSONField(encoder=DjangoJSONEncoder)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verloopt = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name_plural = "idempotente antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["operatie", "wie", "sleutel"], name="idempotent_antwoord_uniek")
        ]

    def __str__(self):
        return f"{self.operatie} {self.sleutel[:12]}"
