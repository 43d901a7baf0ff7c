from django.apps import AppConfig


class BuurtberichtenConfig(AppConfig):
    name = "loket.buurtberichten"
    label = "buurtberichten"
    verbose_name = "Buurtberichten"

    def ready(self):
        # Registers the public layer's PostGIS source, the locatie-informatie section, the feeds in
        # the open-data register, and werkzaamheden and berichten per buurt for the dashboard
        # (kaartlagen.gebiedsbronnen).
        from loket.buurtberichten import gebiedsbron, kaartlaag, opendata  # noqa: F401
        from loket.zaken.backoffice import Onderdeel, registreer

        registreer(Onderdeel("Buurtberichten", "buurtberichten:backoffice", 30))
