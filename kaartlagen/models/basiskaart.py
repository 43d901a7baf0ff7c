"""The basemap's releases, shared by every machine through the database (docs/basiskaart.md)."""

from django.db import models


class BasiskaartUitgave(models.Model):
    """One row per change of the basemap's configuration: every `bouw_basiskaart`,
    or a basemap/external kaartlaag or the gemeente's boundary changed. Each machine keeps its own
    files in its own BASISKAART_DIR (they hold its paths and database connection); the newest row tells
    its follower (`manage.py volg_basiskaart`) to build them again from the registry. No content here:
    the registry the files are made of is in this database already."""

    reden = models.CharField(max_length=200)
    machine = models.CharField(max_length=255, help_text="De hostnaam van de machine die de wijziging maakte")
    gemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "basiskaart-uitgave"
        verbose_name_plural = "basiskaart-uitgaven"

    def __str__(self):
        return f"{self.pk}: {self.reden}"
