import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_app = get_wsgi_application()


class MetBasiskaart:
    """Django, with MapProxy mounted under /basiskaart/. Built once per process, on the first basemap
    request (it writes its configuration, which needs the database); parallel first requests wait for
    that one build instead of each writing the configuration. /basiskaart/ itself is Django's landing
    page (`kaartlagen.views.basiskaart_pagina`); MapProxy serves every path below it."""

    def __init__(self, django):
        self.django = django
        self.mapproxy = None
        self._bouwen = threading.Lock()

    def __call__(self, environ, start_response):
        from kaartlagen.basiskaart.mapproxy import PAD, maak_app

        pad = environ.get("PATH_INFO", "")
        if pad.startswith(PAD + "/") and pad != PAD + "/":
            if self.mapproxy is None:
                with self._bouwen:
                    if self.mapproxy is None:
                        self.mapproxy = maak_app()
            environ = {
                **environ,
                "SCRIPT_NAME": environ.get("SCRIPT_NAME", "") + PAD,
                "PATH_INFO": pad[len(PAD) :],
            }
            return self.mapproxy(environ, start_response)
        return self.django(environ, start_response)


def maak_portaal(django):
    """The whole portal: the fast path for public tiles in front of Django, MapProxy beside it, all
    counted for /metrics."""
    from kaartlagen.tegelserver import TegelServer  # after get_wsgi_application(): it set Django up
    from kern.bedrijf import MetMetrieken

    return MetMetrieken(MetBasiskaart(TegelServer(django)))


application = maak_portaal(django_app)
