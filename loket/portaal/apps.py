from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "loket.portaal"
    label = "portaal"
    verbose_name = "Portaal"
