from django.apps import AppConfig


class KaartlagenConfig(AppConfig):
    name = "kaartlagen"
    verbose_name = "Kaartlagen (BAG, BGT, CBS)"
