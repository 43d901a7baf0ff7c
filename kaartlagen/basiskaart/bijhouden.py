"""The follower: keeps this machine's basemap files at the newest release (`uitgave`), so a layer
changed or a `bouw_basiskaart` run on one machine reaches every machine's MapProxy and digest maps
without a shared disk. Run once per machine that has a BASISKAART_DIR (`manage.py volg_basiskaart`)."""

import logging
import time
from collections.abc import Callable

import psycopg
from django.db import DatabaseError, close_old_connections, connection

from kaartlagen.basiskaart import mapproxy, uitgave
from kern import gemeente

logger = logging.getLogger(__name__)
NAAM = "loket basiskaart bijhouden"


def werk_bij(toegepast: int | None) -> tuple[int | None, str | None]:
    """Build this machine's files again when a release newer than `toegepast` exists: from the registry
    in the database, with this machine's paths and connection. Returns the release now applied and what
    happened (None: nothing to do). No release at all: nothing is built, as before any `bouw_basiskaart`
    (the web answers 503 basiskaart_niet_gebouwd until a release exists)."""
    close_old_connections()
    nieuwste = uitgave.laatste()
    if nieuwste is None or nieuwste == toegepast:
        return toegepast, None
    gemeente.vergeet_grens()  # the boundary may be what changed
    pad, veranderd = mapproxy.schrijf_configuratie()
    uitgave.noteer_toegepast(nieuwste)
    return nieuwste, f"uitgave {nieuwste}: {'geschreven' if veranderd else 'ongewijzigd'} ({pad})"


def _luister() -> psycopg.Connection:
    """A connection of its own to the primary, in LISTEN: Django's connection is closed and reopened
    between rounds, and a pooler in transaction mode would drop the LISTEN (docs/production.md). Named,
    so pg_stat_activity shows what it is."""
    verbinding = connection.get_new_connection(
        {**connection.get_connection_params(), "application_name": NAAM}
    )
    verbinding.autocommit = True
    verbinding.execute(f"LISTEN {uitgave.KANAAL}")
    return verbinding


def volg(wacht: float, meld: Callable[[str], None], klaar: Callable[[], None]) -> None:
    """Catch up, then wait for a NOTIFY; every `wacht` seconds ask for the newest release anyway (a
    NOTIFY sent while this connection was down is not sent again) and check that the listening
    connection still answers. A lost connection is made again, after a pause that doubles up to
    `wacht`. `klaar` is called once, after the first catch-up."""
    toegepast, pauze = None, 1.0
    while True:
        try:
            with _luister() as verbinding:
                # LISTEN before the question: a release between the two is not missed.
                while True:
                    toegepast, wat = werk_bij(toegepast)
                    if wat:
                        meld(wat)
                    klaar()
                    klaar, pauze = (lambda: None), 1.0
                    for _ in verbinding.notifies(timeout=wacht, stop_after=1):
                        pass
                    verbinding.execute("SELECT 1")
        except (psycopg.Error, DatabaseError, OSError) as fout:
            # The database restarted, the connection was cut, the disk is full: again, a little later.
            logger.warning("basiskaart bijhouden: %s; opnieuw over %.0f s", type(fout).__name__, pauze)
            time.sleep(pauze)
            pauze = min(pauze * 2, wacht)
