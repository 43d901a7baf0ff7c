"""The lean start of an import command: `manage.py import_bag|import_bgt|import_buurten …` comes here.

An import needs the database, its own models (kern, kaartlagen) and GeoDjango's fields, nothing of the
portal around it: no URL configuration, DRF, drf-spectacular, MapProxy, procrastinate or the other apps,
and no system checks (those belong to starting the portal). Loading all of that cost ~1.1 s and ~35 MB
before the first byte was read. The settings are the configured settings module's own (development or
production alike), with only the apps an import needs.

With --achtergrond the command hands the import to the worker (procrastinate): that takes the whole
configuration, so it goes through Django's ordinary start.

numpy is not loaded either (~0.13 s, a third of the start): GeoDjango imports it only to offer raster
bands and GEOS coordinates as arrays, and an import hands its geometry to PostGIS as text. It is kept
out by a finder that refuses it, not by `sys.modules["numpy"] = None`: psycopg asks whether "numpy" is
in sys.modules before it dumps an int and then uses the module it finds there, so a None entry broke
every integer parameter.
"""

import importlib
import os
import sys

COMMANDOS = frozenset({"import_bag", "import_bgt", "import_buurten"})
APPS = ["django.contrib.gis", "django.contrib.postgres", "kern", "kaartlagen"]


def is_import(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in COMMANDOS and "--achtergrond" not in argv


class _ZonderNumpy:
    """A meta path finder (importlib.abc is not imported for it: that alone cost ~10 ms)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "numpy" or fullname.startswith("numpy."):
            raise ModuleNotFoundError(f"{fullname} wordt bij een import niet geladen (config/importeren.py)")
        return None


def start(argv: list[str]) -> None:
    sys.meta_path.insert(0, _ZonderNumpy())
    import django
    from django.conf import settings
    from django.core.management import execute_from_command_line

    module = importlib.import_module(os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"))
    waarden = {naam: getattr(module, naam) for naam in dir(module) if naam.isupper()}
    settings.configure(**{**waarden, "INSTALLED_APPS": APPS})
    django.setup()
    execute_from_command_line(argv)
