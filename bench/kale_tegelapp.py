"""The floor under a tile over HTTP (kaart_bench's side "kale app onder granian"): a WSGI application
that does nothing but send the tile statement through libpq, exactly as the bench's "SQL libpq" does,
and answer its bytes, served by the same granian with the same settings as the portal. No registry,
no metrics, no headers beyond the two HTTP needs. What this takes above "SQL libpq" is the HTTP round
trip through a Python application server, which no code in our application can take away.

    portaal(env, app="kale_tegelapp:application")    # harness; started with bench/ on the path
"""

import os
import re
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()  # once per worker, for the layer's source and the statement's text

import psycopg  # noqa: E402
from django.db import connection  # noqa: E402

from kaartlagen.bronnen import VECTOR_BRONNEN  # noqa: E402
from kaartlagen.models import Kaartlaag  # noqa: E402
from kaartlagen.tegels import PARALLELLE_WERKERS, tegel_sql  # noqa: E402
from kaartlagen.tegelserver import TYPES, naar_libpq  # noqa: E402

_PAD = re.compile(r"/tiles/([-\w]+)/(\d{1,2})/(\d{1,8})/(\d{1,8})\.mvt")
_lokaal = threading.local()


def _verbinding():
    conn = getattr(_lokaal, "conn", None)
    if conn is None:
        params = connection.get_connection_params()
        del params["cursor_factory"], params["prepare_threshold"]
        conn = _lokaal.conn = psycopg.connect(
            **params,
            autocommit=True,
            options="-c plan_cache_mode=force_generic_plan -c jit=off "
            f"-c max_parallel_workers_per_gather={PARALLELLE_WERKERS}",
        )
        conn.voorbereid = set()
    return conn


def application(environ, start_response):
    gevonden = _PAD.fullmatch(environ["PATH_INFO"])
    if gevonden is None:  # the harness's readiness check asks for another path
        start_response("404 Not Found", [("Content-Length", "0")])
        return []
    laag, z, x, y = gevonden.groups()
    conn = _verbinding()
    naam = f"{laag}_{z}".encode()
    if naam not in conn.voorbereid:
        bron = Kaartlaag.objects.get(naam=laag).bron
        conn.pgconn.prepare(naam, naar_libpq(tegel_sql(VECTOR_BRONNEN[bron], int(z))), TYPES[:4])
        conn.voorbereid.add(naam)
    uitkomst = conn.pgconn.exec_prepared(
        naam, [z.encode(), x.encode(), y.encode(), laag.encode()], result_format=1
    )
    inhoud = uitkomst.get_value(0, 0) or b""
    if not inhoud:
        start_response("204 No Content", [])
        return []
    start_response(
        "200 OK",
        [("Content-Type", "application/vnd.mapbox-vector-tile"), ("Content-Length", str(len(inhoud)))],
    )
    return [inhoud]
