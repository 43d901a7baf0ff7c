"""JIT is off for the portal's database (migration kaartlagen 0010): with 100× the sample the planner's
estimates for the locatie-informatie statement passed jit_above_cost and each request spent seconds
compiling. A database setting, so every new session gets it (tile pool, Django, replicas). A Django
connection also plans its prepared statements generically (kaartlagen.voorbereid, at connect)."""

import pytest
from django.db import connections


@pytest.mark.django_db
def test_nieuwe_sessie_heeft_jit_uit():
    nieuw = connections.create_connection("default")
    try:
        with nieuw.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone()[0] == "force_generic_plan"
    finally:
        nieuw.close()
