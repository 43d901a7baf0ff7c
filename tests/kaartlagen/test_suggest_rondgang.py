"""Suggest in one round trip: the trigram threshold is set inside the statement, not by a transaction
of its own, and it does not stay behind for other queries on the connection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaartlagen import zoeken

pytestmark = pytest.mark.django_db(transaction=True)


def _drempel() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("q", ["keizerstr 12", "kiezerstraat", "1781 AB 12"])
def test_one_statement_and_the_threshold_only_inside_it(adressen, q):
    voor = _drempel()
    with CaptureQueriesContext(connection) as queries:
        treffers = zoeken.suggest(q)
    assert treffers and treffers[0].weergavenaam.startswith("Keizerstraat")
    assert len(queries) == 1, [v["sql"][:100] for v in queries]
    assert _drempel() == voor != str(zoeken.WOORD_DREMPEL)
