"""The lean start of an import command: `manage.py import_bag|import_bgt|import_buurten …` comes here.

An import needs the database, its own models (kern, kaartlagen) and GeoDjango's fields, nothing of the
portal around it: no URL configuration, DRF, drf-spectacular, MapProxy, procrastinate or the other apps,
and no system checks (those belong to starting the portal). Loading all of that cost ~1.1 s and ~35 MB
before the first byte was read. The settings are the configured settings module's own (development or
production alike), with only the apps an import needs.

With --achtergrond the command hands the import to the worker (procrastinate): that takes the whole
configuration, so it goes through Django's ordinary start.
"""

import importlib
import os

COMMANDOS = frozenset({"import_bag", "import_bgt", "import_buurten"})
APPS = ["django.contrib.gis", "django.contrib.postgres", "kern", "kaartlagen"]


def is_import(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in COMMANDOS and "--achtergrond" not in argv


def start(argv: list[str]) -> None:
    import django
    from django.conf import settings
    from django.core.management import execute_from_command_line

    module = importlib.import_module(os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"))
    waarden = {naam: getattr(module, naam) for naam in dir(module) if naam.isupper()}
    settings.configure(**{**waarden, "INSTALLED_APPS": APPS})
    django.setup()
    execute_from_command_line(argv)
