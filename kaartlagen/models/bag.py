"""BAG 2.0 (Basisregistratie Adressen en Gebouwen): the current voorkomen of every object.

We keep one row per identificatie: the voorkomen that is in force (no eindRegistratie). Older
voorkomens stay in the Kadaster's history; the portal asks "what is here now". Objects that ended
(eindGeldigheid, or a status such as 'Pand gesloopt') stay as rows with `actief=False`, so that a
reference to them still resolves but maps and address search leave them out.

References between objects are stored as identificaties without database constraints: a gemeente
extract legitimately points at objects outside it. The importer checks what must exist.
"""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex

from kern.crs import RD_NEW


class BagObject(models.Model):
    # Unique by a constraint rather than unique=True, and the references below indexed by a plain
    # index rather than db_index: on PostgreSQL both would add a second, varchar_pattern_ops index
    # (for LIKE 'prefix%'), which nothing here queries and every import paid for.
    identificatie = models.CharField(max_length=16)
    voorkomenidentificatie = models.PositiveIntegerField()
    begin_geldigheid = models.DateField()
    eind_geldigheid = models.DateField(null=True, blank=True)
    tijdstip_registratie = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=60)
    geconstateerd = models.BooleanField(default=False)
    documentdatum = models.DateField(null=True, blank=True)
    documentnummer = models.CharField(max_length=40, blank=True)
    actief = models.BooleanField(
        default=True, help_text="Bestaat nu: niet beëindigd, niet gesloopt, ingetrokken of niet gerealiseerd."
    )
    # Fingerprint of the delivered values: an import that brings nothing new writes nothing.
    bron_hash = models.CharField(max_length=32)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["identificatie"], name="%(app_label)s_%(class)s_identificatie_key"
            )
        ]

    def __str__(self):
        return self.identificatie


class Woonplaats(BagObject):
    identificatie = models.CharField(max_length=4)
    naam = models.CharField(max_length=80)
    geom = models.MultiPolygonField(srid=RD_NEW, null=True, blank=True)

    class Meta(BagObject.Meta):
        verbose_name_plural = "woonplaatsen"
        indexes = [GinIndex(name="woonplaats_naam_trgm", fields=["naam"], opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.naam


class OpenbareRuimte(BagObject):
    naam = models.CharField(max_length=80)
    type = models.CharField(max_length=40)
    woonplaats = models.ForeignKey(
        Woonplaats,
        to_field="identificatie",
        db_constraint=False,
        db_index=False,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )

    class Meta(BagObject.Meta):
        verbose_name = "openbare ruimte"
        verbose_name_plural = "openbare ruimten"
        indexes = [
            GinIndex(name="openbareruimte_naam_trgm", fields=["naam"], opclasses=["gin_trgm_ops"]),
            models.Index(name="openbareruimte_woonplaats", fields=["woonplaats"]),
        ]

    def __str__(self):
        return self.naam


class Nummeraanduiding(BagObject):
    huisnummer = models.PositiveIntegerField()
    huisletter = models.CharField(max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(max_length=4, blank=True)
    # Looked up with the huisnummer or alone: nummeraanduiding_pc_hnr serves both.
    postcode = models.CharField(max_length=6, blank=True)
    type_adresseerbaar_object = models.CharField(max_length=20)
    openbare_ruimte = models.ForeignKey(
        OpenbareRuimte,
        to_field="identificatie",
        db_constraint=False,
        db_index=False,
        on_delete=models.DO_NOTHING,
        related_name="nummeraanduidingen",
    )
    # Only set when the address lies in another woonplaats than its openbare ruimte (BAG 'ligtIn').
    woonplaats = models.ForeignKey(
        Woonplaats,
        to_field="identificatie",
        db_constraint=False,
        db_index=False,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(BagObject.Meta):
        verbose_name_plural = "nummeraanduidingen"
        indexes = [
            models.Index(name="nummeraanduiding_pc_hnr", fields=["postcode", "huisnummer"]),
            # With the number: suggest's "straat nummer" finds the street first and then the number in
            # it; on the street alone a long street (thousands of numbers at 100× the sample) was read
            # whole for one address (75–83 ms instead of ~1 ms). Lookups by street alone use its prefix.
            models.Index(name="nummeraanduiding_opr_hnr", fields=["openbare_ruimte", "huisnummer"]),
            models.Index(name="nummeraanduiding_woonplaats", fields=["woonplaats"]),
        ]

    def __str__(self):
        return f"{self.huisnummer}{self.huisletter}{'-' + self.huisnummertoevoeging if self.huisnummertoevoeging else ''}"


class Pand(BagObject):
    oorspronkelijk_bouwjaar = models.PositiveSmallIntegerField()
    geom = models.MultiPolygonField(srid=RD_NEW)

    class Meta(BagObject.Meta):
        verbose_name_plural = "panden"


class AdresseerbaarObject(BagObject):
    hoofdadres = models.ForeignKey(
        Nummeraanduiding,
        to_field="identificatie",
        db_constraint=False,
        db_index=False,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    nevenadressen = ArrayField(models.CharField(max_length=16), default=list, blank=True)

    class Meta(BagObject.Meta):
        abstract = True
        indexes = [models.Index(name="%(class)s_hoofdadres", fields=["hoofdadres"])]


class Verblijfsobject(AdresseerbaarObject):
    gebruiksdoelen = ArrayField(models.CharField(max_length=40))
    oppervlakte = models.PositiveIntegerField()
    panden = ArrayField(
        models.CharField(max_length=16), help_text="Identificaties van de panden (maaktDeelUitVan)."
    )
    geom = models.PointField(srid=RD_NEW)

    class Meta(AdresseerbaarObject.Meta):
        verbose_name_plural = "verblijfsobjecten"
        indexes = [
            *AdresseerbaarObject.Meta.indexes,
            GinIndex(name="vbo_panden_gin", fields=["panden"]),
            GinIndex(name="vbo_nevenadressen_gin", fields=["nevenadressen"]),
        ]


class Ligplaats(AdresseerbaarObject):
    geom = models.MultiPolygonField(srid=RD_NEW)

    class Meta(AdresseerbaarObject.Meta):
        verbose_name_plural = "ligplaatsen"


class Standplaats(AdresseerbaarObject):
    geom = models.MultiPolygonField(srid=RD_NEW)

    class Meta(AdresseerbaarObject.Meta):
        verbose_name_plural = "standplaatsen"
