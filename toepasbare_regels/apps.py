from django.apps import AppConfig


class ToepasbareRegelsConfig(AppConfig):
    name = "toepasbare_regels"
    verbose_name = "Toepasbare regels (STTR) en vergunningcheck"
    default_auto_field = "django.db.models.BigAutoField"
