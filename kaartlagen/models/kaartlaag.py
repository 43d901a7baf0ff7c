"""The layer registry: one row per map layer, managed in the admin.

The map page, the tile endpoints and (later) the MapServer mapfile and MapProxy configuration are
all derived from these rows, so there is no second list of layers to keep in step.
"""

from django.core.exceptions import ValidationError
from django.db import models

from kaartlagen.bronnen import VECTOR_BRONNEN, keuzes

MAX_ZOOM = 22


class KaartlaagQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Staff see every layer; everyone else only the public ones."""
        return self if user.is_staff else self.filter(publiek=True)

    def open_data(self):
        """The public vector layers: what OGC API – Features and the downloads offer."""
        return self.filter(publiek=True, soort=Kaartlaag.Soort.VECTOR)


class Kaartlaag(models.Model):
    class Soort(models.TextChoices):
        VECTOR = "vector", "Vectortegels uit PostGIS"
        BASISKAART = "basiskaart", "Basiskaart (MapServer, via MapProxy)"
        EXTERN_WMS = "wms", "Externe WMS (via MapProxy als cache)"
        EXTERN_WMTS = "wmts", "Externe WMTS (via MapProxy als cache)"

    naam = models.SlugField(unique=True, help_text="Naam in URL's, bijv. /tiles/<naam>/{z}/{x}/{y}.mvt")
    titel = models.CharField(max_length=100, help_text="Nederlandse titel in de lagenkiezer")
    groep = models.CharField(max_length=60, help_text="Kop in de lagenkiezer, bijv. 'Gebouwen en adressen'")
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.VECTOR)
    bron = models.CharField(
        max_length=40,
        choices=keuzes,  # a callable: apps add their sources when they start (after the models load)
        blank=True,
        help_text="De PostGIS-bron van vectortegels (vastgelegd in de code)",
    )
    capabilities_url = models.URLField(
        blank=True, help_text="Alleen voor externe lagen: de WMS-capabilities-URL, bijv. van PDOK"
    )
    externe_laag = models.CharField(max_length=200, blank=True, help_text="De laagnaam in die dienst")
    capabilities = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Wat de dienst biedt (bij opslaan gelezen met OWSLib)",
    )
    stijl = models.JSONField(
        default=dict,
        blank=True,
        help_text='Bijv. {"kleur": "#…", "klassen": [{"attribuut": "bouwjaar", "tot": 1900, "kleur": "#…", '
        '"label": "voor 1900"}]}',
    )
    min_zoom = models.PositiveSmallIntegerField(default=12)
    max_zoom = models.PositiveSmallIntegerField(default=MAX_ZOOM)
    attributie = models.CharField(max_length=200, blank=True)
    publiek = models.BooleanField(default=True, help_text="Uit: alleen voor medewerkers")
    standaard_aan = models.BooleanField(default=False)
    volgorde = models.PositiveSmallIntegerField(default=100)

    objects = KaartlaagQuerySet.as_manager()

    class Meta:
        verbose_name = "kaartlaag"
        verbose_name_plural = "kaartlagen"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.titel

    def clean(self):
        if self.min_zoom > self.max_zoom or self.max_zoom > MAX_ZOOM:
            raise ValidationError(f"Zoomniveaus: 0 ≤ min_zoom ≤ max_zoom ≤ {MAX_ZOOM}")
        if self.soort == self.Soort.VECTOR and self.bron not in VECTOR_BRONNEN:
            raise ValidationError({"bron": "Onbekende bron"})
        if self.soort in (self.Soort.EXTERN_WMS, self.Soort.EXTERN_WMTS):
            self.lees_externe_dienst()

    def lees_externe_dienst(self) -> None:
        """Read the service's capabilities and check the chosen layer is there (OWSLib)."""
        from kaartlagen.extern import ExternFout, lees_capabilities

        if not self.capabilities_url or not self.externe_laag:
            raise ValidationError("Een externe laag heeft een capabilities-URL en een laagnaam nodig.")
        try:
            self.capabilities = lees_capabilities(self.capabilities_url, self.soort)
        except ExternFout as exc:
            raise ValidationError({"capabilities_url": str(exc)}) from None
        namen = [laag["naam"] for laag in self.capabilities]
        if self.externe_laag not in namen:
            raise ValidationError(
                {
                    "externe_laag": f"Deze dienst heeft geen laag '{self.externe_laag}'. Wel: {', '.join(namen[:20])}"
                }
            )
        if self.soort == self.Soort.EXTERN_WMTS and self.externe_bron is None:
            raise ValidationError(
                {
                    "externe_laag": "Deze WMTS-laag kunnen we niet opslaan in de cache: de dienst biedt geen "
                    "tegelset in Web Mercator of het RD-stelsel (zoals PDOK) met een REST-sjabloon."
                }
            )

    @property
    def externe_bron(self) -> dict | None:
        """For an external WMTS layer: the tile URL template and grid MapProxy fetches it with."""
        laag = next((c for c in self.capabilities if c["naam"] == self.externe_laag), None)
        return laag.get("bron") if laag else None

    def legenda(self) -> list[dict]:
        """Legend entries (label, kleur) from the style: one per class, or the layer's own colour."""
        klassen = self.stijl.get("klassen") or []
        if klassen:
            return [{"label": k.get("label", ""), "kleur": k.get("kleur", "")} for k in klassen]
        return [{"label": self.titel, "kleur": self.stijl.get("kleur", "")}]
