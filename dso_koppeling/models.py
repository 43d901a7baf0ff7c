"""What the adapter keeps: where each sync stands, which DSO verzoek became which zaak, what could not
be taken in (quarantaine), which rule files were imported, and what we report back to DSO."""

from django.contrib.gis.db import models

from kern.crs import RD_NEW
from loket.zaken.models import Zaak


class Synctoestand(models.Model):
    """The cursor of one sync: the volgnummer of the last feed item that was fully handled."""

    naam = models.SlugField(max_length=40, unique=True)
    cursor = models.BigIntegerField(default=0)
    bijgewerkt = models.DateTimeField(auto_now=True)
    laatste_resultaat = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "synctoestanden"

    def __str__(self):
        return f"{self.naam} @ {self.cursor}"


class Verzoek(models.Model):
    """A DSO verzoek (aanvraag, melding, informatie) and the zaak it became. No initiatiefnemer
    data: the back office reads that in the DSO werkmap via the verzoeknummer."""

    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="dso_verzoek")
    verzoeknummer = models.CharField(max_length=60, unique=True)
    type = models.CharField(max_length=20)
    versie = models.PositiveIntegerField()
    volgnummer = models.BigIntegerField(help_text="Laatst verwerkte plaats in de DSO-feed")
    ingediend_op = models.DateTimeField()
    # Where the verzoek is, as DSO delivered it; the public map layer selects on this (GiST index).
    geom = models.PointField(srid=RD_NEW)
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    basis_activiteiten = models.JSONField(
        default=list, help_text="Activiteiten en antwoorden van de laatste versie"
    )
    activiteiten = models.JSONField(default=list, help_text="Na toepassen van de aanvullingen")
    bijlagen = models.JSONField(default=dict, help_text="DSO-bijlage-id → document-id")
    xml_sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name_plural = "verzoeken"
        ordering = ["-ingediend_op"]

    def __str__(self):
        return self.verzoeknummer


class Aanvulling(models.Model):
    verzoek = models.ForeignKey(Verzoek, on_delete=models.CASCADE, related_name="aanvullingen")
    verzoeknummer = models.CharField(max_length=60, unique=True)
    volgnummer = models.BigIntegerField()
    activiteiten = models.JSONField(default=list)
    ontvangen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "aanvullingen"
        ordering = ["volgnummer"]

    def __str__(self):
        return self.verzoeknummer


class Quarantaine(models.Model):
    """A feed item we could not take in; the cursor went past it, so it is listed here until solved."""

    verzoeknummer = models.CharField(max_length=60, unique=True)
    volgnummer = models.BigIntegerField()
    versie = models.PositiveIntegerField(null=True)
    code = models.CharField(max_length=40)
    detail = models.TextField()
    tijdstip = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "quarantaine"
        ordering = ["volgnummer"]

    def __str__(self):
        return f"{self.verzoeknummer}: {self.code}"


class Regelbestand(models.Model):
    """A rule or plan file imported from DSO, with what identified its version."""

    class Soort(models.TextChoices):
        STTR = "sttr", "Toepasbare regels (STTR)"
        PLAN = "plan", "Omgevingsplan (Ozon)"

    soort = models.CharField(max_length=10, choices=Soort.choices)
    sleutel = models.CharField(max_length=200)
    naam = models.CharField(max_length=200, blank=True)
    versie = models.CharField(max_length=60, blank=True)
    sha256 = models.CharField(max_length=64)
    geimporteerd_op = models.DateTimeField(auto_now=True)
    resultaat = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "regelbestanden"
        constraints = [models.UniqueConstraint(fields=["soort", "sleutel"], name="regelbestand_per_sleutel")]

    def __str__(self):
        return f"{self.soort} {self.sleutel}"


class Terugmelding(models.Model):
    """What we report (or would report) to DSO when a zaak from a verzoek reaches a besluit."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="+")
    verzoeknummer = models.CharField(max_length=60)
    status = models.CharField(max_length=40)
    gegevens = models.JSONField(default=dict)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveIntegerField(default=0)
    laatste_fout = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "terugmeldingen"
        constraints = [models.UniqueConstraint(fields=["zaak", "status"], name="terugmelding_per_status")]

    def __str__(self):
        return f"{self.verzoeknummer}: {self.status}"


class Notificatie(models.Model):
    """A Verzoeknotificatie as it arrived (signature checked); it only triggers a sync."""

    verzoeknummer = models.CharField(max_length=60, blank=True)
    volgnummer = models.BigIntegerField(null=True)
    ontvangen_op = models.DateTimeField(auto_now_add=True)
    # The signature's MAC: a signed body sent again inside its 5-minute window is recognised by it.
    handtekening = models.CharField(max_length=64, unique=True, null=True, editable=False)

    class Meta:
        verbose_name_plural = "notificaties"
        ordering = ["-ontvangen_op"]

    def __str__(self):
        return self.verzoeknummer or "notificatie"


class Slot(models.Model):
    """Who runs a sync of this kind until when (dso_koppeling.vergrendeling): a lease, not a session lock."""

    naam = models.CharField(max_length=100, primary_key=True)
    houder = models.CharField(max_length=32)
    tot = models.DateTimeField()

    def __str__(self):
        return f"{self.naam} tot {self.tot:%H:%M:%S}"


class Brekertoestand(models.Model):
    """The circuit breaker's state, shared by every job on every machine (dso_koppeling.client)."""

    naam = models.CharField(max_length=50, primary_key=True)
    fouten = models.PositiveIntegerField(default=0)
    open_sinds = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "brekertoestanden"

    def __str__(self):
        return f"{self.naam}: {'open' if self.open_sinds else 'dicht'} ({self.fouten} fouten)"
