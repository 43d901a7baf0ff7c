from django.apps import AppConfig


class BuurtdashboardConfig(AppConfig):
    name = "loket.buurtdashboard"
    label = "buurtdashboard"
    verbose_name = "Buurtdashboard"

    def ready(self):
        # In the backoffice menu for everyone with a dashboard role (a gebiedsmanager has no zaken).
        from loket.buurtdashboard.toegang import toegang
        from loket.zaken.backoffice import Onderdeel, registreer

        registreer(
            Onderdeel("Buurtdashboard", "buurtdashboard:start", 40, mag=lambda u: toegang(u) is not None)
        )
