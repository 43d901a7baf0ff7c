from django.apps import AppConfig


class DsoKoppelingConfig(AppConfig):
    name = "dso_koppeling"
    verbose_name = "DSO-koppeling"

    def ready(self):
        # The map source and locatie section; the buurtdashboard's vergunningaanvragen (gebiedsbronnen).
        from dso_koppeling import gebiedsbron, kaart  # noqa: F401
