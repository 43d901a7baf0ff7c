from django.apps import AppConfig


class DevConfig(AppConfig):
    name = "dev"
    verbose_name = "Ontwikkeling (voorbeeldgegevens, DSO-mock)"
