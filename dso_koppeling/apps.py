from django.apps import AppConfig


class DsoKoppelingConfig(AppConfig):
    name = "dso_koppeling"
    verbose_name = "DSO-koppeling"

    def ready(self):
        # The map source and locatie section; the buurtdashboard's vergunningaanvragen (gebiedsbronnen).
        from dso_koppeling import gebiedsbron, kaart  # noqa: F401
        from dso_koppeling.aanvragen import mag_backoffice, quarantaine_melding
        from loket.zaken.backoffice import Onderdeel, registreer

        registreer(Onderdeel("Vergunningaanvragen", "dso-backoffice", 20, mag=mag_backoffice))
        registreer(
            Onderdeel(
                "Quarantaine (DSO)",
                "dso-backoffice-quarantaine",
                21,
                mag=mag_backoffice,
                melding=quarantaine_melding,
            )
        )
