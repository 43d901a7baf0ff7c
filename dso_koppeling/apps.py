from django.apps import AppConfig


class DsoKoppelingConfig(AppConfig):
    name = "dso_koppeling"
    verbose_name = "DSO-koppeling"

    def ready(self):
        from dso_koppeling import kaart  # noqa: F401 - registers the map source and locatie section
