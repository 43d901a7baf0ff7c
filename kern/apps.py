from django.apps import AppConfig


class KernConfig(AppConfig):
    name = "kern"
    verbose_name = "Kern (importruns)"

    def ready(self):
        from django.core.signals import got_request_exception

        from kern.bedrijf import meld_fout

        got_request_exception.connect(meld_fout, dispatch_uid="kern.foutmelder")
