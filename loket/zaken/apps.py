from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "loket.zaken"
    label = "zaken"
    verbose_name = "Zaken"
