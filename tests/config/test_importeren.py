"""`manage.py import_bag` starts lean: the import's own apps, no portal (URL configuration, DRF,
drf-spectacular, MapProxy, procrastinate), no numpy and no system checks; and it imports as before
(integer parameters included, which psycopg dumps after asking whether numpy is loaded)."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from kaartlagen.models import Pand
from tests.support import bagxml
from tests.support.paden import ROOT

PORTAAL = ("config.urls", "rest_framework", "drf_spectacular", "mapproxy", "procrastinate", "numpy", "yaml")
# Runs manage.py as a user does, and reports which of PORTAAL got loaded.
MELD = (
    "import atexit, runpy, sys; "
    "atexit.register(lambda: print('GELADEN', sorted({m.split('.')[0] if m != 'config.urls' else m "
    f"for m, v in sys.modules.items() if v is not None and (m == 'config.urls' or m.split('.')[0] in {PORTAAL!r})}}))); "
    "sys.argv = ['manage.py', *sys.argv[1:]]; runpy.run_path('manage.py', run_name='__main__')"
)


def _manage(*args):
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"] else ""
    env = {**os.environ, "DATABASE_URL": f"postgis://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"}
    return subprocess.run(
        [sys.executable, "-c", MELD, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db(transaction=True)
def test_import_bag_imports_without_loading_the_portal(tmp_path):
    pad = tmp_path / "0400PND01112026-000001.xml"
    pad.write_text(bagxml.document(bagxml.pand()), encoding="utf-8")
    uit = _manage("import_bag", "-v0", "--werkers", "1", str(pad))
    assert uit.returncode == 0, uit.stderr
    assert "GELADEN []" in uit.stdout, uit.stdout
    assert Pand.objects.get().identificatie == "0400100000000001"


def test_other_commands_load_everything():
    uit = _manage("check", "--help")
    assert uit.returncode == 0, uit.stderr
    assert "'rest_framework'" in uit.stdout, uit.stdout
