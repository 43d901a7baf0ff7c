from django.apps import AppConfig


class OmgevingsplanConfig(AppConfig):
    name = "toepasbare_regels.omgevingsplan"
    label = "omgevingsplan"
    verbose_name = "Omgevingsplan (IMOW)"

    def ready(self):
        # Registers the locatie-informatie section "Omgevingsplan" and the map layers' sources.
        from toepasbare_regels.omgevingsplan import bronnen, sectie  # noqa: F401

        bronnen.registreer()
