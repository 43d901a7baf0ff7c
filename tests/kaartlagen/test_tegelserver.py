"""The fast path for public tiles: the same answer as the Django view, and Django for everything else.

Transactional: the fast path reads through connections of its own, which only see committed data.
"""

import pytest

from kaartlagen import tegels, tegelserver
from kaartlagen.models import Kaartlaag
from kern import snelpad
from tests.support.factories import PandFactory
from tests.support.wsgi import Django, roep

pytestmark = pytest.mark.django_db(transaction=True)


def vraag(app, pad, methode="GET", host="127.0.0.1", query="", **koppen):
    return roep(app, pad, methode, HTTP_HOST=host, QUERY_STRING=query, **koppen)


@pytest.fixture
def server(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    snelpad.vergeet()
    PandFactory(identificatie="0400100000000001", oorspronkelijk_bouwjaar=1890, x=113000, y=553000)
    PandFactory(identificatie="0400100000000002", oorspronkelijk_bouwjaar=1990, x=113020, y=553000)
    django = Django()
    yield tegelserver.TegelServer(django), django
    tegelserver.sluit_pool()
    snelpad.vergeet()


def pad_bij(x_rd, y_rd, z, laag="panden"):
    x, y = tegels.tegel_index(x_rd, y_rd, z)
    return f"/tiles/{laag}/{z}/{x}/{y}.mvt"


def test_same_bytes_and_headers_as_the_django_view_without_reaching_django(server):
    snel, django = server
    for pad, status in [
        (pad_bij(113010, 553005, 17), "200 OK"),
        (pad_bij(117000, 547000, 17), "204 No Content"),
    ]:
        kort, lang = vraag(snel, pad), vraag(django.handler, pad)
        assert kort["status"] == lang["status"] == status
        assert kort["inhoud"] == lang["inhoud"]
        # Django adds "Vary: Cookie" because it looked at the user, while a public tile is the same for
        # everyone; and "Content-Length: 0" on a 204, which RFC 9110 §8.6 forbids.
        weg = {"Vary"} if kort["inhoud"] else {"Vary", "Content-Length"}
        assert kort["koppen"] == {k: v for k, v in lang["koppen"].items() if k not in weg}
    assert django.paden == []
    eerste = vraag(snel, pad_bij(113010, 553005, 17))
    opnieuw = vraag(snel, pad_bij(113010, 553005, 17), HTTP_IF_NONE_MATCH=eerste["koppen"]["ETag"])
    assert opnieuw["status"] == "304 Not Modified" and opnieuw["inhoud"] == b""
    assert django.paden == []


@pytest.mark.parametrize(
    ("pad", "extra", "status"),
    [
        ("/tiles/bestaatniet/17/1/1.mvt", {}, "404 Not Found"),
        ("/tiles/basiskaart/17/1/1.mvt", {}, "404 Not Found"),  # a raster layer
        ("/tiles/panden/16/-1/5.mvt", {}, "400 Bad Request"),
        ("/tiles/panden/3/8/0.mvt", {}, "400 Bad Request"),
        ("/tiles/panden/12/2100/1347.mvt", {}, "204 No Content"),  # panden start at zoom 14
        ("/tiles/panden/17/1/1.mvt", {"methode": "HEAD"}, "405 Method Not Allowed"),
        ("/tiles/panden/17/1/1.mvt", {"host": "evil.example"}, "400 Bad Request"),
        ("/tiles/panden/17/1/1.mvt", {"query": "x=1"}, "204 No Content"),
    ],
)
def test_everything_but_an_ordinary_public_tile_goes_to_django(server, pad, extra, status):
    snel, django = server
    assert vraag(snel, pad, **extra)["status"] == status
    assert django.paden == [pad]


def test_a_change_in_the_registry_counts_from_the_next_request(server):
    snel, django = server
    pad = pad_bij(113010, 553005, 17)
    assert vraag(snel, pad)["status"] == "200 OK" and django.paden == []
    Kaartlaag.objects.filter(naam="panden").update(publiek=False)
    assert vraag(snel, pad)["status"] == "404 Not Found"
    assert django.paden == [pad]
    Kaartlaag.objects.filter(naam="panden").update(publiek=True, min_zoom=18)
    assert vraag(snel, pad)["status"] == "204 No Content"  # below the layer's zoom levels now


def test_tile_queries_run_with_a_generic_plan(server):
    snel, _ = server
    for x in range(5):
        assert vraag(snel, pad_bij(113010 + x * 300, 553005, 17))["status"] in ("200 OK", "204 No Content")
    with tegelserver.pool().connection() as conn:
        plannen = conn.execute(
            "SELECT sum(generic_plans), sum(custom_plans) FROM pg_prepared_statements WHERE statement LIKE "
            "'%ST_AsMVT%'"
        ).fetchone()
        instellingen = [
            conn.execute(f"SHOW {naam}").fetchone()[0] for naam in ("jit", "max_parallel_workers_per_gather")
        ]
    assert plannen[0] >= 1 and plannen[1] == 0
    assert instellingen == ["off", "0"]


def test_a_tile_statement_that_fails_is_answered_by_django_and_the_connection_replaced(server):
    snel, django = server
    pad = pad_bij(113010, 553005, 17)
    verwacht = vraag(snel, pad)
    tegelpool = tegelserver.pool()
    verbindingen = [tegelpool.getconn() for _ in range(tegelpool.vrij())]
    for conn in verbindingen:
        conn.execute("DEALLOCATE ALL")  # as a pooler or a restarted server would leave them
        tegelpool.putconn(conn)
    # The one connection that had prepared the statement fails once; Django answers that tile.
    assert [vraag(snel, pad)["inhoud"] for _ in range(4)] == [verwacht["inhoud"]] * 4
    assert django.paden == [pad]
