from django.apps import AppConfig


class BuurtdashboardConfig(AppConfig):
    name = "loket.buurtdashboard"
    label = "buurtdashboard"
    verbose_name = "Buurtdashboard"
