"""The import writes its ImportRun rows and reads its field lengths in SQL (kern/importing/importrun.py,
verbinding.py), so that its lean start needs no models: the models stay the one description, and
these tests hold the SQL to them."""

import pytest
from django.db import connection

from kaartlagen.importing import bgt, cbs
from kaartlagen.models import BgtObject, Buurt, Wijk
from kern.importing import importrun, verbinding
from kern.models import ImportRun

pytestmark = pytest.mark.django_db


def test_rows_written_in_sql_read_back_through_the_model():
    with connection.cursor() as cursor:
        klaar = importrun.begin(cursor, "bag", "x.zip!0400PND-000001.xml", "a" * 64)
        assert ImportRun.objects.get(pk=klaar).status == ImportRun.Status.BEZIG
        importrun.klaar(cursor, klaar, {"nieuw": 3}, [{"code": "geometrie_hersteld"}])
        mislukt = importrun.begin(cursor, "bgt", "bgt_pand.gml", "b" * 64)
        importrun.mislukt(cursor, mislukt, "[database] kapot")
        geweigerd = importrun.begin(
            cursor, "bag", "y.zip", "", status=importrun.MISLUKT, fout="[uitpakken] te groot"
        )
    run = ImportRun.objects.get(pk=klaar)
    assert (run.soort, run.status, run.telling, run.bevindingen, run.fout) == (
        "bag",
        ImportRun.Status.KLAAR,
        {"nieuw": 3},
        [{"code": "geometrie_hersteld"}],
        "",
    )
    assert run.gestart <= run.klaar
    run = ImportRun.objects.get(pk=mislukt)
    assert (run.status, run.fout, run.telling, run.bevindingen) == ("mislukt", "[database] kapot", {}, [])
    run = ImportRun.objects.get(pk=geweigerd)
    assert (run.status, run.fout, run.klaar) == ("mislukt", "[uitpakken] te groot", None)
    assert ImportRun._meta.db_table == importrun.TABEL
    assert {v for v, _ in ImportRun.Status.choices} == {importrun.BEZIG, importrun.KLAAR, importrun.MISLUKT}


def test_eerder_matches_the_end_of_the_name_exactly():
    with connection.cursor() as cursor:
        run = importrun.begin(cursor, "bgt", "levering.zip!bgt_pand.gml", "c" * 64)
        importrun.klaar(cursor, run, {}, [])
        assert importrun.eerder(cursor, "bgt", "c" * 64, "bgt_pand.gml")
        # "_" is not a wildcard, and soort and content count.
        assert not importrun.eerder(cursor, "bgt", "c" * 64, "bgtXpand.gml")
        assert not importrun.eerder(cursor, "bag", "c" * 64, "bgt_pand.gml")
        assert not importrun.eerder(cursor, "bgt", "d" * 64, "bgt_pand.gml")
        # Without content: was anything imported under this name (a failed run does not count).
        assert importrun.eerder(cursor, "bgt", None, "bgt_pand.gml")
        mislukt = importrun.begin(cursor, "bgt", "bgt_weg.gml", "e" * 64)
        importrun.mislukt(cursor, mislukt, "kapot")
        assert not importrun.eerder(cursor, "bgt", None, "bgt_weg.gml")
        assert not importrun.eerder(cursor, "bag", None, "bgt_pand.gml")


def test_field_lengths_from_the_database_are_the_models():
    verbinding.kolomlengtes.cache_clear()
    assert BgtObject._meta.db_table == bgt.TABLE
    assert verbinding.kolomlengtes(bgt.TABLE) == {
        f.column: f.max_length for f in BgtObject._meta.fields if getattr(f, "max_length", None)
    }
    assert (Wijk._meta.db_table, Buurt._meta.db_table) == (cbs.WIJK, cbs.BUURT)
    assert verbinding.kolomlengtes(cbs.WIJK)["naam"] == Wijk._meta.get_field("naam").max_length


def test_connection_parameters_as_django_derives_them_with_room_for_temporary_tables():
    assert verbinding.parameters(
        {
            "NAME": "loket",
            "USER": "u",
            "PASSWORD": "",
            "HOST": "/run/pg",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require", "pool": True},
        }
    ) == {
        "dbname": "loket",
        "sslmode": "require",
        "user": "u",
        "host": "/run/pg",
        "port": "5433",
        "client_encoding": "UTF8",
        "options": "-c TimeZone=UTC -c temp_buffers=128MB",
    }
