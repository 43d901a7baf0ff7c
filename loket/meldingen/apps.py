from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "loket.meldingen"
    label = "meldingen"
    verbose_name = "Meldingen openbare ruimte"

    def ready(self):
        # Registers the public layer's PostGIS source and the locatie-informatie section.
        from loket.meldingen import kaartlaag, locatie  # noqa: F401
        from loket.meldingen.behandeling import mag_meldingen
        from loket.zaken.backoffice import Onderdeel, registreer

        registreer(Onderdeel("Meldingen", "meldingen:backoffice", 10, mag=mag_meldingen))
