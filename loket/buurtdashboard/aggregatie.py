"""The pre-aggregated meldingen cells (`MeldingenCel`), refreshed by a job, never by a request.

`ververs_alles()` rebuilds them in one statement. `ververs_nieuw()` reads the zaak outbox
(`loket.zaken` events, consumer "buurtdashboard") and rebuilds only the (buurt, week) pairs the new
events touch, with all their categories, so a melding that changes status or categorie is counted
in the right cell. Cursor and cells commit together: an interrupted run loses nothing.
"""

from django.db import connection, transaction

from loket.buurtdashboard.meldingenbron import CELLEN_SQL, TIJDZONE, zaak_ids_van_meldingen
from loket.buurtdashboard.models import MeldingenCel
from loket.zaken.services import verwerk_gebeurtenissen

CONSUMENT = "buurtdashboard"
_CEL = MeldingenCel._meta.db_table
_KOLOMMEN = (
    "buurtcode, wijkcode, categorie, hoofdcategorie, week, nieuw, afgehandeld, binnen_termijn, doorlooptijden"
)


@transaction.atomic
def ververs_alles() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"delete from {_CEL}")
        cursor.execute(f"insert into {_CEL} ({_KOLOMMEN}) {CELLEN_SQL.format(van='', waar='true')}")
        return cursor.rowcount


@transaction.atomic
def ververs_zaken(zaak_ids: list[int]) -> int:
    """Rebuild the cells of the (buurt, week) pairs of these zaken; returns the cells written."""
    ids = zaak_ids_van_meldingen(sorted(set(zaak_ids)))
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""create temporary table dashboard_sleutels on commit drop as
                select distinct coalesce(buurtcode, '') as buurtcode,
                       date_trunc('week', registratiedatum at time zone '{TIJDZONE}')::date as week
                from zaken_zaak where id = any(%s)""",
            [ids],
        )
        cursor.execute(
            f"delete from {_CEL} c using dashboard_sleutels s where c.buurtcode = s.buurtcode and c.week = s.week"
        )
        # Per (buurt, week) an index range scan on zaak_buurt (buurtcode, registratiedatum), not a scan
        # of every zaak: the keys drive the join.
        waar = (
            "z.buurtcode = s.buurtcode "
            f"and z.registratiedatum >= (s.week::timestamp at time zone '{TIJDZONE}') "
            f"and z.registratiedatum < ((s.week + 7)::timestamp at time zone '{TIJDZONE}')"
        )
        cursor.execute(
            f"insert into {_CEL} ({_KOLOMMEN}) {CELLEN_SQL.format(van='dashboard_sleutels s cross join ', waar=waar)}"
        )
        geschreven = cursor.rowcount
        cursor.execute("drop table dashboard_sleutels")
        return geschreven


def ververs_nieuw(max_aantal: int = 5000) -> int:
    """Handle the outbox events since the last run; returns how many events were read."""
    gelezen = 0
    while True:
        with transaction.atomic():
            zaken: list[int] = []
            aantal = verwerk_gebeurtenissen(CONSUMENT, lambda g, uit=zaken: uit.append(g.zaak_id), max_aantal)
            zaken = [z for z in zaken if z]
            ververs_zaken(zaken)
        gelezen += aantal
        if aantal < max_aantal:
            return gelezen
