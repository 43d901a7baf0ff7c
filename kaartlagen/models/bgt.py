"""BGT (Basisregistratie Grootschalige Topografie), IMGeo 2.1.1: one table for every object type.

One table keeps the basemap rendering and the "what lies here" lookup to one indexed query; the
object type tells them apart. Only the voorkomen in force is kept (no eindRegistratie).
"""

from django.contrib.gis.db import models

from kern.crs import RD_NEW


class BgtObject(models.Model):
    objecttype = models.CharField(max_length=40, db_index=True, help_text="bijv. pand, wegdeel, waterdeel")
    lokaal_id = models.CharField("lokaalID", max_length=60, unique=True)
    namespace = models.CharField(max_length=20, default="NL.IMGeo")
    bronhouder = models.CharField(max_length=10)
    bgt_status = models.CharField("bgt-status", max_length=20)
    plus_status = models.CharField("plus-status", max_length=20, blank=True)
    functie = models.CharField(max_length=80, blank=True, help_text="function / class / bgt-type")
    fysiek_voorkomen = models.CharField(
        max_length=80, blank=True, help_text="surfaceMaterial / fysiekVoorkomen"
    )
    plus_functie = models.CharField(max_length=80, blank=True)
    plus_fysiek_voorkomen = models.CharField(max_length=80, blank=True)
    relatieve_hoogteligging = models.SmallIntegerField(default=0)
    bag_pand_identificatie = models.CharField(max_length=16, blank=True, db_index=True)
    tijdstip_registratie = models.DateTimeField(null=True, blank=True)
    creation_date = models.DateField(null=True, blank=True)
    geom = models.GeometryField(srid=RD_NEW)
    bron_hash = models.CharField(max_length=32)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "BGT-object"
        verbose_name_plural = "BGT-objecten"

    def __str__(self):
        return f"{self.objecttype} {self.lokaal_id}"
