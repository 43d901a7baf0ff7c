"""The omgevingsplan as IMOW objects (a subset of TPOD), all in RD New.

Every object belongs to one RegelingVersie: a version is valid from its begin_geldigheid until its
eind_geldigheid (or open-ended), so "what applies here on this peildatum" first picks the versions in
force and then looks only at their objects. References between objects are kept as the IMOW
identificaties the delivery uses (a Juridische regel may point at an activiteit of the Rijk that is
not in this delivery), stored in arrays with GIN indexes.

The GIN indexes have fastupdate off: an import writes them once, every query reads them, and a long
pending list would make each read scan it.

Search goes through LocatieVlak, not Locatie: each gebied (and lijn, punt) is cut into small pieces
(ST_Subdivide) and every piece carries the identificaties of the locatie *and of every groep it is a
member of*, so one indexed ST_Intersects answers "which locaties and groepen lie here".
"""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex

from kern.crs import RD_NEW


def _ids():
    return ArrayField(models.CharField(max_length=200), default=list, blank=True)


class Regeling(models.Model):
    """A regeling as a work (its FRBRWork, or the IMRO plan identificatie)."""

    class Bron(models.TextChoices):
        OW = "ow", "STOP/TPOD-levering (IMOW)"
        IMRO = "imro", "IMRO-bestemmingsplan (tijdelijk deel)"
        DSO = "dso", "DSO (Ozon-presentatie, via de DSO-koppeling)"

    identificatie = models.CharField(max_length=200, unique=True)
    titel = models.CharField(max_length=500)
    bevoegd_gezag = models.CharField(max_length=20, help_text="bijv. gm0400")
    bron = models.CharField(max_length=10, choices=Bron.choices)

    class Meta:
        verbose_name_plural = "regelingen"

    def __str__(self):
        return self.titel


class RegelingVersie(models.Model):
    regeling = models.ForeignKey(Regeling, on_delete=models.CASCADE, related_name="versies")
    expressie = models.CharField(max_length=300, help_text="FRBRExpression of planversie")
    begin_geldigheid = models.DateField()
    eind_geldigheid = models.DateField(null=True, blank=True, help_text="leeg: geldt tot nader order")
    vingerafdruk = models.CharField(max_length=64, help_text="sha256 van wat geleverd is")
    geimporteerd = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["regeling", "expressie"], name="uniek_versie")]

    def __str__(self):
        return f"{self.regeling} ({self.expressie})"


class _VanVersie(models.Model):
    versie = models.ForeignKey(RegelingVersie, on_delete=models.CASCADE, related_name="+")
    identificatie = models.CharField(max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.identificatie


def _uniek(naam: str):
    return [models.UniqueConstraint(fields=["versie", "identificatie"], name=f"uniek_{naam}")]


class Locatie(_VanVersie):
    class Soort(models.TextChoices):
        GEBIED = "gebied", "Gebied"
        LIJN = "lijn", "Lijn"
        PUNT = "punt", "Punt"
        GEBIEDENGROEP = "gebiedengroep", "Gebiedengroep"
        LIJNENGROEP = "lijnengroep", "Lijnengroep"
        PUNTENGROEP = "puntengroep", "Puntengroep"
        AMBTSGEBIED = "ambtsgebied", "Ambtsgebied"

    soort = models.CharField(max_length=20, choices=Soort.choices)
    noemer = models.CharField(max_length=300, blank=True)
    leden = _ids()  # groepselementen of a groep
    geometrie_ref = models.CharField(max_length=100, blank=True, help_text="id van de geometrie in de GIO")
    # A groep's geometry is the collection of its members (for maps and GeoJSON only; search uses
    # LocatieVlak). An ambtsgebied refers to the bestuurlijke grenzen and may have none.
    geom = models.GeometryField(srid=RD_NEW, null=True, blank=True)

    class Meta:
        constraints = _uniek("locatie")
        indexes = [models.Index(fields=["identificatie"])]


class LocatieVlak(models.Model):
    """A small piece of a locatie's geometry with the locatie and all its groepen (the search index)."""

    versie = models.ForeignKey(RegelingVersie, on_delete=models.CASCADE, related_name="+")
    locaties = _ids()
    geom = models.GeometryField(srid=RD_NEW)


class Kaartvlak(models.Model):
    """A gebied that a gebiedsaanwijzing points at (groepen resolved to their members), for the map.

    Filled by the importer, so a vector tile reads one table through its GiST index only (no FK
    index on versie on purpose: the tile query must select by geometry)."""

    versie = models.ForeignKey(RegelingVersie, on_delete=models.CASCADE, related_name="+", db_index=False)
    sleutel = models.CharField(max_length=400, help_text="gebiedsaanwijzing/locatie")
    identificatie = models.CharField(max_length=200, help_text="de locatie")
    gebiedsaanwijzing = models.CharField(max_length=200)
    naam = models.CharField(max_length=500)
    type = models.CharField(max_length=100, help_text="term uit TypeGebiedsaanwijzing, bijv. Functie")
    groep = models.CharField(max_length=100, blank=True)
    geom = models.GeometryField(srid=RD_NEW)


class Activiteit(_VanVersie):
    naam = models.CharField(max_length=500)
    groep = models.CharField(max_length=300, blank=True)
    bovenliggende = models.CharField(max_length=200, blank=True, help_text="identificatie")

    class Meta:
        constraints = _uniek("activiteit")
        verbose_name_plural = "activiteiten"


class Gebiedsaanwijzing(_VanVersie):
    type = models.CharField(max_length=300)
    groep = models.CharField(max_length=300, blank=True)
    naam = models.CharField(max_length=500)
    locaties = _ids()

    class Meta:
        constraints = _uniek("gebiedsaanwijzing")
        indexes = [GinIndex(fields=["locaties"], name="ga_locaties", fastupdate=False)]


class Omgevingsnorm(_VanVersie):
    """An omgevingsnorm or (soort waarde) an omgevingswaarde."""

    class Soort(models.TextChoices):
        NORM = "omgevingsnorm", "Omgevingsnorm"
        WAARDE = "omgevingswaarde", "Omgevingswaarde"

    soort = models.CharField(max_length=20, choices=Soort.choices)
    naam = models.CharField(max_length=500)
    type = models.CharField(max_length=300, blank=True)
    groep = models.CharField(max_length=300, blank=True)
    eenheid = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = _uniek("omgevingsnorm")


class Normwaarde(_VanVersie):
    norm = models.ForeignKey(Omgevingsnorm, on_delete=models.CASCADE, related_name="normwaarden")
    kwantitatief = models.FloatField(null=True, blank=True)
    kwalitatief = models.CharField(max_length=500, blank=True)
    in_regeltekst = models.CharField(max_length=500, blank=True, help_text="waardeInRegeltekst")
    locaties = _ids()

    class Meta:
        constraints = _uniek("normwaarde")
        indexes = [GinIndex(fields=["locaties"], name="normwaarde_locaties", fastupdate=False)]
        verbose_name_plural = "normwaarden"


class Regeltekst(_VanVersie):
    """An artikel or lid, found by its wId; kop and tekst come from the STOP (AKN) regeling text."""

    wid = models.CharField(max_length=300)
    kop = models.CharField(max_length=500, blank=True)
    tekst = models.TextField(blank=True)

    class Meta:
        constraints = _uniek("regeltekst")
        indexes = [models.Index(fields=["wid"])]
        verbose_name_plural = "regelteksten"


class JuridischeRegel(_VanVersie):
    soort = models.CharField(max_length=40, help_text="RegelVoorIedereen, Omgevingswaarderegel, …")
    regeltekst = models.CharField(max_length=200, help_text="identificatie van de Regeltekst")
    idealisatie = models.CharField(max_length=300, blank=True)
    locaties = _ids()
    activiteiten = _ids()
    gebiedsaanwijzingen = _ids()
    normen = _ids()

    class Meta:
        constraints = _uniek("juridischeregel")
        indexes = [GinIndex(fields=["locaties"], name="regel_locaties", fastupdate=False)]
        verbose_name_plural = "juridische regels"


class ActiviteitLocatieaanduiding(_VanVersie):
    regel = models.ForeignKey(JuridischeRegel, on_delete=models.CASCADE, related_name="aanduidingen")
    activiteit = models.CharField(max_length=200, help_text="identificatie van de Activiteit")
    kwalificatie = models.CharField(
        max_length=30, help_text="bijv. vergunningplicht (laatste deel van de URI)"
    )
    locaties = _ids()

    class Meta:
        constraints = _uniek("activiteitlocatieaanduiding")
        indexes = [GinIndex(fields=["locaties"], name="ala_locaties", fastupdate=False)]
