"""`manage.py import_bag|import_bgt|import_buurten` start lean (config/importeren.py): no Django set-up,
so no portal (URL configuration, DRF, drf-spectacular, MapProxy, procrastinate), no model classes, no
GeoDjango (its GDAL binding, GEOS, numpy), no Django database backend and no system checks; and they
import as before: the records, the ImportRun rows, a second run that skips, worker processes,
failures with their exit code."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from kaartlagen.models import BgtObject, Buurt, Pand, Wijk
from kern.models import ImportRun
from tests.kaartlagen import test_import_bgt as bgt
from tests.kaartlagen import test_import_cbs as cbs
from tests.support import bagxml
from tests.support.paden import ROOT

# Module prefixes an import must not load. django.apps is left out on purpose: Django's management
# base imports it (without populating it).
NIET = (
    "config.urls",
    "django.urls",
    "django.db.models",
    "django.db.backends",
    "django.contrib.gis",
    "django.forms",
    "kern.models",
    "kaartlagen.models",
    "rest_framework",
    "drf_spectacular",
    "mapproxy",
    "procrastinate",
    "numpy",
    "yaml",
    "prometheus_client",
)
# Runs manage.py as a user does, and reports which of NIET got loaded.
MELD = (
    "import atexit, runpy, sys; "
    "atexit.register(lambda: print('GELADEN', sorted({n for m, v in sys.modules.items() if v is not None "
    f"for n in {NIET!r} if m == n or m.startswith(n + '.')}}))); "
    "sys.argv = ['manage.py', *sys.argv[1:]]; runpy.run_path('manage.py', run_name='__main__')"
)


def _manage(*args):
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"] else ""
    env = {**os.environ, "DATABASE_URL": f"postgis://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"}
    return subprocess.run(
        [sys.executable, "-c", MELD, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _lean(uit):
    assert "GELADEN []" in uit.stdout, uit.stdout + uit.stderr


@pytest.mark.django_db(transaction=True)
def test_import_bag_imports_without_django_set_up_and_skips_the_second_time(tmp_path):
    for k in (1, 2):
        (tmp_path / f"0400PND01112026-00000{k}.xml").write_text(
            bagxml.document(bagxml.pand(f"040010000000000{k}")), encoding="utf-8"
        )
    # Two files with two workers: forked processes, each with its own connection.
    uit = _manage("import_bag", "--werkers", "2", str(tmp_path))
    assert uit.returncode == 0, uit.stderr
    _lean(uit)
    assert "nieuw 2" in uit.stdout
    assert sorted(Pand.objects.values_list("identificatie", flat=True)) == [
        "0400100000000001",
        "0400100000000002",
    ]
    runs = list(ImportRun.objects.order_by("bestand"))
    assert [(r.soort, r.status, r.telling["nieuw"], len(r.sha256)) for r in runs] == [
        ("bag", "klaar", 1, 64)
    ] * 2
    assert all(r.gestart <= r.klaar and r.fout == "" and r.bevindingen == [] for r in runs)

    opnieuw = _manage("import_bag", "-v0", str(tmp_path))
    assert opnieuw.returncode == 0, opnieuw.stderr
    assert "2 bestanden waren al geïmporteerd" in opnieuw.stdout
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_failed_file_is_on_record_and_the_command_fails(tmp_path):
    pad = tmp_path / "0400PND01112026-000001.xml"
    pad.write_text(bagxml.document(bagxml.pand())[:-40], encoding="utf-8")  # cut off: not well-formed
    uit = _manage("import_bag", "-v0", "--werkers", "1", str(pad))
    assert uit.returncode == 1
    assert "CommandError: Een of meer bestanden zijn mislukt" in uit.stderr
    _lean(uit)
    run = ImportRun.objects.get()
    assert (run.status, run.fout.startswith("[xml_ongeldig]"), run.klaar is not None) == (
        "mislukt",
        True,
        True,
    )
    assert not Pand.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_import_bgt_reads_its_field_lengths_from_the_database(tmp_path):
    te_lang = "x" * 81  # functie is a varchar(80)
    bgt.write(tmp_path, "bgt_wegdeel.gml", bgt.wegdeel(), bgt.wegdeel("G0400.0002", functie=te_lang))
    uit = _manage("import_bgt", "--werkers", "1", str(tmp_path))
    assert uit.returncode == 0, uit.stderr
    _lean(uit)
    assert list(BgtObject.objects.values_list("lokaal_id", flat=True)) == ["G0400.0001"]
    assert "veld_ongeldig" in uit.stdout and "langer dan 80 tekens" in uit.stdout


@pytest.mark.django_db(transaction=True)
def test_import_buurten(tmp_path):
    cbs.write(tmp_path / "cbs_wijken_0400.geojson", cbs.feature("WK040001", "Wijk 01"))
    cbs.write(
        tmp_path / "cbs_buurten_0400.geojson",
        cbs.feature("BU04000102", "Centrum", gm_code="GM0400", wk_code="WK040001"),
    )
    uit = _manage("import_buurten", "-v0", "--gemeente", "GM0400", str(tmp_path))
    assert uit.returncode == 0, uit.stderr
    _lean(uit)
    assert (Wijk.objects.get().code, Buurt.objects.get().wijk_id) == ("WK040001", "WK040001")


def test_help_and_arguments_are_the_commands_own():
    uit = _manage("import_bag", "--help")
    assert uit.returncode == 0, uit.stderr
    _lean(uit)
    assert "usage: manage.py import_bag" in uit.stdout and "--werkers" in uit.stdout
    fout = _manage("import_bag", "--werkers", "0", "x")
    assert (fout.returncode, fout.stderr.strip()) == (1, "CommandError: --werkers moet 1 of meer zijn")
    geen = _manage("import_bag", "x")
    assert (geen.returncode, geen.stderr.strip()) == (1, "CommandError: x bestaat niet")
    onbekend = _manage("import_bag", "--onbekend", "x")
    assert onbekend.returncode == 2 and "unrecognized arguments: --onbekend" in onbekend.stderr
    # --settings is read before the settings are, as Django's own start does.
    andere = _manage("import_bag", "--settings", "bestaat.niet", "x")
    assert andere.returncode == 1 and "No module named 'bestaat'" in andere.stderr


def test_other_commands_load_everything():
    uit = _manage("check", "--help")
    assert uit.returncode == 0, uit.stderr
    assert "'rest_framework'" in uit.stdout, uit.stdout
