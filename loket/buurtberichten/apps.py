from django.apps import AppConfig


class BuurtberichtenConfig(AppConfig):
    name = "loket.buurtberichten"
    label = "buurtberichten"
    verbose_name = "Buurtberichten"

    def ready(self):
        # Registers the public layer's PostGIS source and the locatie-informatie section.
        from loket.buurtberichten import kaartlaag  # noqa: F401
        from loket.zaken.backoffice import Onderdeel, registreer

        registreer(Onderdeel("Buurtberichten", "buurtberichten:backoffice", 30))
