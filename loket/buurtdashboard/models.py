"""The buurtdashboard's own tables: who may see which gebied, who looked, CBS kerncijfers, and the
pre-aggregated figures the pages read (refreshed by a job, never written by a request).

Gebieden are CBS codes throughout: GM0400 (the gemeente), WK040001 (a wijk), BU04000102 (a buurt).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class Rol(models.TextChoices):
    GEBIEDSMANAGER = "gebiedsmanager", "Gebiedsmanager (alleen eigen wijken)"
    MEDEWERKER = "medewerker", "Medewerker of KCC (alles lezen)"
    BEHEERDER = "beheerder", "Beheerder (alles lezen en beheren)"


class Dashboardrol(models.Model):
    """A staff member's role on the dashboard. Staff without a role see no dashboard at all."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dashboardrol"
    )
    rol = models.CharField(max_length=20, choices=Rol.choices)
    wijken = ArrayField(
        models.CharField(max_length=8),
        default=list,
        blank=True,
        help_text="Alleen voor een gebiedsmanager: de wijkcodes, bijv. WK040001",
    )

    class Meta:
        verbose_name = "dashboardrol"
        verbose_name_plural = "dashboardrollen"

    def __str__(self):
        return f"{self.gebruiker} ({self.get_rol_display()})"


class Inzage(models.Model):
    """Who looked at which gebied, when, in which view. Nothing else: no IP, no query string."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebied = models.CharField(max_length=10, help_text="GM-, WK- of BU-code")
    weergave = models.CharField(max_length=40, help_text="bijv. wijk, kaart, export, api")

    class Meta:
        verbose_name = "inzage dashboard"
        verbose_name_plural = "inzages dashboard"
        ordering = ["-tijdstip"]

    def __str__(self):
        return f"{self.gebruiker} {self.gebied} {self.tijdstip:%Y-%m-%d %H:%M}"


class Kerncijfer(models.Model):
    """One figure of CBS Kerncijfers wijken en buurten, for one gebied and one year. `teken` keeps
    CBS's own mark when there is no number: "." (onbekend, onvoldoende betrouwbaar of geheim) or
    "x" (geheim); then `waarde` is empty."""

    jaar = models.PositiveSmallIntegerField()
    gebiedscode = models.CharField(max_length=10)
    kenmerk = models.CharField(
        max_length=80, help_text="CBS-kolomcode zonder volgnummer, bijv. AantalInwoners"
    )
    kolom = models.CharField(
        max_length=90, help_text="De kolomcode zoals CBS hem levert, bijv. AantalInwoners_5"
    )
    waarde = models.FloatField(null=True, blank=True)
    teken = models.CharField(max_length=2, blank=True)
    bron_hash = models.CharField(max_length=32)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "kerncijfers"
        constraints = [
            models.UniqueConstraint(fields=["jaar", "gebiedscode", "kenmerk"], name="kerncijfer_uniek"),
        ]
        indexes = [models.Index(fields=["gebiedscode", "kenmerk", "-jaar"], name="kerncijfer_gebied")]

    def __str__(self):
        return f"{self.gebiedscode} {self.kenmerk} {self.jaar}"


class MeldingenCel(models.Model):
    """Meldingen of one buurt, one categorie, one registration week. `afgehandeld` and
    `binnen_termijn` count those of the week's meldingen that are closed by now (in time);
    `doorlooptijden` holds their doorlooptijd in days, so medians stay exact at every level."""

    buurtcode = models.CharField(max_length=10, help_text="Leeg: buiten elke buurt")
    wijkcode = models.CharField(max_length=8)
    categorie = models.IntegerField(help_text="id van de (sub)categorie")
    hoofdcategorie = models.IntegerField()
    week = models.DateField(help_text="maandag van de registratieweek")
    nieuw = models.PositiveIntegerField()
    afgehandeld = models.PositiveIntegerField()
    binnen_termijn = models.PositiveIntegerField()
    doorlooptijden = ArrayField(models.FloatField(), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["buurtcode", "categorie", "week"], name="meldingencel_uniek"),
        ]
        indexes = [
            models.Index(fields=["wijkcode", "week"], name="meldingencel_wijk"),
            models.Index(fields=["week"], name="meldingencel_week"),
        ]

    def __str__(self):
        return f"{self.buurtcode} {self.categorie} {self.week}"


class Gebiedcijfer(models.Model):
    """What a page shows of the meldingen of one gebied (gemeente, wijk or buurt) over the 24 months
    from `sinds`, for all onderwerpen (`hoofdcategorie` 0, with the trend) and per hoofdcategorie.
    The refresh job computes these from the cells whenever the gebied's cells change, so a request
    reads a few rows instead of taking medians over every doorlooptijd and fitting a trend."""

    gebiedscode = models.CharField(max_length=10)
    hoofdcategorie = models.IntegerField(help_text="0: alle onderwerpen")
    sinds = models.DateField(help_text="maandag waarop de 24 maanden beginnen")
    nieuw = models.PositiveIntegerField()
    afgehandeld = models.PositiveIntegerField()
    binnen_termijn = models.PositiveIntegerField()
    mediaan_dagen = models.FloatField(null=True)
    trend = models.CharField(max_length=80, blank=True, help_text="alleen bij hoofdcategorie 0")
    # The series the page draws (only hoofdcategorie 0): summing them from the cells on every view
    # cost three aggregates over all cells of the gemeente.
    maanden = ArrayField(
        models.PositiveIntegerField(), default=list, help_text="nieuw per maand, vanaf de maand van `sinds`"
    )
    weken = ArrayField(models.PositiveIntegerField(), default=list, help_text="nieuw per week, vanaf `sinds`")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gebiedscode", "hoofdcategorie"], name="gebiedcijfer_uniek"),
        ]

    def __str__(self):
        return f"{self.gebiedscode} {self.hoofdcategorie}"


class Buurtprofiel(models.Model):
    """BAG and voorzieningen figures of a gebied (gemeente, wijk or buurt), computed from the BAG by
    the refresh job. Distances are straight lines (hemelsbreed) in metres."""

    gebiedscode = models.CharField(max_length=10, unique=True)
    woningen = models.PositiveIntegerField()
    oppervlakte_gemiddeld = models.FloatField(null=True)
    gebruiksdoelen = models.JSONField(default=dict, help_text="{gebruiksdoel: aantal verblijfsobjecten}")
    bouwjaarklassen = models.JSONField(default=dict, help_text="{klasse: aantal woningen}")
    voorzieningen = models.JSONField(
        default=dict, help_text="{soort: {mediaan_m, boven_1km (aantal woningen), woningen}}"
    )
    bijgewerkt = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.gebiedscode


class Signaal(models.Model):
    """An early warning of one week: a buurt × hoofdcategorie above its expected count."""

    week = models.DateField()
    buurtcode = models.CharField(max_length=10)
    wijkcode = models.CharField(max_length=8)
    hoofdcategorie = models.IntegerField()
    waargenomen = models.PositiveIntegerField()
    verwacht = models.FloatField()
    bovengrens = models.FloatField()
    weken_op_rij = models.PositiveSmallIntegerField()
    uitleg = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "signalen"
        constraints = [
            models.UniqueConstraint(fields=["week", "buurtcode", "hoofdcategorie"], name="signaal_uniek"),
        ]
        indexes = [models.Index(fields=["wijkcode", "-week"], name="signaal_wijk")]

    def __str__(self):
        return self.uitleg


class Voorspelling(models.Model):
    """Expected meldingen of a buurt × hoofdcategorie in a coming week, with a 90 % interval."""

    buurtcode = models.CharField(max_length=10)
    wijkcode = models.CharField(max_length=8)
    hoofdcategorie = models.IntegerField()
    week = models.DateField()
    verwacht = models.FloatField()
    onder = models.FloatField()
    boven = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["buurtcode", "hoofdcategorie", "week"], name="voorspelling_uniek"
            ),
        ]
        indexes = [models.Index(fields=["wijkcode", "week"], name="voorspelling_wijk")]

    def __str__(self):
        return f"{self.buurtcode} {self.hoofdcategorie} {self.week}"


class Broncel(models.Model):
    """A count of one `kaartlagen.gebiedsbronnen` source (vergunningaanvragen, buurtberichten, …) for
    one buurt, one sleutel (an activiteit, a soort bericht), one measure and one month (empty: now).
    Refreshed by the dashboard's job, never by a request."""

    bron = models.CharField(max_length=40)
    buurtcode = models.CharField(max_length=10, help_text="Leeg: buiten elke buurt")
    wijkcode = models.CharField(max_length=8)
    sleutel = models.CharField(max_length=200)
    naam = models.CharField(max_length=200)
    maat = models.CharField(max_length=40)
    maand = models.DateField(null=True, help_text="eerste dag van de maand; leeg: de stand van nu")
    aantal = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["bron", "wijkcode"], name="broncel_wijk"),
            models.Index(fields=["bron", "buurtcode"], name="broncel_buurt"),
        ]

    def __str__(self):
        return f"{self.bron} {self.buurtcode} {self.sleutel} {self.maat} {self.maand}"


class Bronstand(models.Model):
    """The fingerprint a source outside the zaak outbox had when its cells were last rebuilt."""

    bron = models.CharField(max_length=40, unique=True)
    stempel = models.CharField(max_length=200)
    bijgewerkt = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.bron} @ {self.stempel}"
