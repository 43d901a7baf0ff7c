"""What a melding adds to a zaak: category, contact data (minimal, erasable), followers, reactions."""

import secrets

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError

from kern.crs import RD_NEW
from loket.zaken.models import Team, Zaak

ZAAKTYPE = "melding-openbare-ruimte"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


class Categorie(models.Model):
    """Two levels: hoofdcategorieën (no parent) and their subcategorieën, which a melding gets."""

    naam = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True)
    hoofdcategorie = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subcategorieen",
        limit_choices_to={"hoofdcategorie__isnull": True},
    )
    afhandeltermijn_dagen = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leeg: de termijn van het zaaktype"
    )
    dubbel_straal_m = models.PositiveIntegerField(
        default=50, help_text="'Is dit al gemeld?': open meldingen binnen zoveel meter"
    )
    dubbel_weken = models.PositiveIntegerField(default=12, help_text="… van de laatste zoveel weken")
    actief = models.BooleanField(default=True)
    volgorde = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name_plural = "categorieën"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return f"{self.hoofdcategorie.naam} › {self.naam}" if self.hoofdcategorie_id else self.naam

    def clean(self):
        if self.hoofdcategorie_id and self.hoofdcategorie.hoofdcategorie_id:
            raise ValidationError({"hoofdcategorie": "Er zijn maar twee niveaus: kies een hoofdcategorie."})


class Routeringsregel(models.Model):
    """Which team gets a new melding. Rules are tried in `volgorde`; the first that matches wins.
    Empty conditions match everything, so a last rule without conditions is the fallback."""

    volgorde = models.PositiveIntegerField(default=100)
    naam = models.CharField(max_length=100)
    categorie = models.ForeignKey(
        Categorie, null=True, blank=True, on_delete=models.CASCADE, help_text="Hoofd- of subcategorie"
    )
    buurtcode = models.CharField(max_length=10, blank=True, help_text="bijv. BU04000102")
    wijkcode = models.CharField(max_length=8, blank=True, help_text="bijv. WK040001")
    gebied = models.MultiPolygonField(srid=RD_NEW, null=True, blank=True, help_text="Eigen gebied (RD New)")
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "routeringsregels"
        ordering = ["volgorde", "id"]

    def __str__(self):
        return f"{self.volgorde}. {self.naam} → {self.team}"


class Melding(models.Model):
    zaak = models.OneToOneField(Zaak, primary_key=True, on_delete=models.CASCADE, related_name="melding")
    categorie = models.ForeignKey(Categorie, on_delete=models.PROTECT, related_name="meldingen")
    email = models.EmailField(blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    contact_toestemming = models.BooleanField(default=False)
    contact_verwijderd = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=nieuw_token, editable=False)

    class Meta:
        verbose_name_plural = "meldingen"
        permissions = [("contactgegevens_zien", "Mag contactgegevens van melders zien")]

    def __str__(self):
        return self.zaak.referentie

    @property
    def heeft_contact(self) -> bool:
        return bool(self.email or self.telefoon)


class Volger(models.Model):
    """Someone who reported the same thing and joined this melding instead of making a new one."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="volgers")
    email = models.EmailField(blank=True)
    token = models.CharField(max_length=64, unique=True, default=nieuw_token, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # Double opt-in: mail goes to the address only after its owner confirmed through the link in the
    # one mail that asks (docs/meldingen.md). Without an address there is nothing to confirm.
    bevestigd = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "volgers"


class Reactie(models.Model):
    """The answer to "Bent u tevreden?" after afhandeling."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="reacties")
    tevreden = models.BooleanField()
    toelichting = models.TextField(blank=True, max_length=1000)
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "reacties"


class ContactInzage(models.Model):
    """Who saw which melding's contact data, when (AVG: accountability)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="inzages")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True)
    waar = models.CharField(max_length=40, help_text="bijv. backoffice, api, csv")

    class Meta:
        verbose_name = "inzage contactgegevens"
        verbose_name_plural = "inzages contactgegevens"
        ordering = ["-tijdstip"]
