"""CBS wijken en buurten: the statistical areas that dashboards and notifications speak in."""

from django.contrib.gis.db import models

from kern.crs import RD_NEW


class Wijk(models.Model):
    code = models.CharField(
        max_length=8, unique=True, help_text="WK + gemeentecode + wijknummer, bijv. WK040001"
    )
    naam = models.CharField(max_length=100)
    gemeentecode = models.CharField(max_length=6, help_text="GM0400")
    geom = models.MultiPolygonField(srid=RD_NEW)
    bron_hash = models.CharField(max_length=32)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "wijken"
        ordering = ["code"]

    def __str__(self):
        return self.naam


class Buurt(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text="BU + gemeentecode + wijk + buurt")
    naam = models.CharField(max_length=100)
    gemeentecode = models.CharField(max_length=6)
    wijk = models.ForeignKey(
        Wijk, to_field="code", db_constraint=False, on_delete=models.DO_NOTHING, related_name="buurten"
    )
    geom = models.MultiPolygonField(srid=RD_NEW)
    bron_hash = models.CharField(max_length=32)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "buurten"
        ordering = ["code"]

    def __str__(self):
        return self.naam
