"""The lean start of an import command: `manage.py import_bag|import_bgt|import_buurten …` comes here.

An import reads files and writes to PostgreSQL in SQL; it needs the settings, its importer and a
database connection, nothing of the portal around it: no URL configuration, DRF, drf-spectacular,
MapProxy, procrastinate or the other apps, and no system checks (those belong to starting the
portal). The settings are the configured settings module's own (development or production alike).

So it starts without Django's set-up: the settings are read but no app is loaded, and the
import talks to PostgreSQL through its own psycopg connection (kern/importing/verbinding.py), writes
its ImportRun rows in SQL (kern/importing/importrun.py) and reads its tables' field lengths from the
database. Django's database layer alone cost ~0.25 s (its PostgreSQL backend imports the whole ORM
and forms, PostGIS's backend GeoDjango's GDAL binding and numpy). The command is still the
management command class, run through Django's BaseCommand: argparse, the same options, output and
exit codes.

With --achtergrond the command hands the import to the worker (procrastinate): that takes the whole
configuration, so it goes through Django's ordinary start.
"""

import contextlib
import importlib

COMMANDOS = frozenset({"import_bag", "import_bgt", "import_buurten"})


def is_import(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in COMMANDOS and "--achtergrond" not in argv


def start(argv: list[str]) -> None:
    import logging.config

    from django.conf import settings
    from django.core.management.base import CommandError, CommandParser, handle_default_options

    from kern.importing import verbinding

    # --settings and --pythonpath before the settings are read, as Django's ManagementUtility does.
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    with contextlib.suppress(CommandError):  # the command's own parser reports it
        handle_default_options(parser.parse_known_args(argv[2:])[0])
    # What django.setup() would do for an import: log as the settings say. dictConfig builds every
    # formatter it is given, and the JSON one (kern.bedrijf) brings prometheus-client along, so only
    # the ones a handler uses.
    gebruikt = {h.get("formatter") for h in settings.LOGGING.get("handlers", {}).values()}
    formatters = {k: v for k, v in settings.LOGGING.get("formatters", {}).items() if k in gebruikt}
    logging.config.dictConfig({**settings.LOGGING, "formatters": formatters})
    verbinding.eigen(settings.DATABASES["default"])
    command = importlib.import_module(f"kaartlagen.management.commands.{argv[1]}").Command()
    try:
        command.run_from_argv(argv)
    finally:
        verbinding.sluit()
