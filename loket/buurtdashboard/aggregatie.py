"""The pre-aggregated meldingen cells (`MeldingenCel`), refreshed by a job, never by a request.

`ververs_alles()` rebuilds them in one statement. `ververs_nieuw()` reads the zaak outbox
(`loket.zaken` events, consumer "buurtdashboard") and rebuilds only the (buurt, week) pairs the new
events touch, with all their categories, so a melding that changes status or categorie is counted
in the right cell. Cursor and cells commit together: an interrupted run loses nothing.

With the cells it refreshes the `Gebiedcijfer` rows of the gebieden they lie in (the buurt, its wijk,
the gemeente): medians over the doorlooptijden and the trend fit are work for this job, not for every
page view. When the 24-month window has moved on (a new week), every gebied is computed again. The
same events refresh the counts of other apps' zaken (vergunningaanvragen, `broncellen`).
"""

from django.db import connection, transaction

from loket.buurtdashboard import broncellen, gebieden, indicatoren
from loket.buurtdashboard.meldingenbron import CELLEN_SQL, TIJDZONE, zaak_ids_van_meldingen
from loket.buurtdashboard.models import Gebiedcijfer, MeldingenCel
from loket.zaken.services import verwerk_gebeurtenissen

CONSUMENT = "buurtdashboard"
_CEL = MeldingenCel._meta.db_table
_KOLOMMEN = (
    "buurtcode, wijkcode, categorie, hoofdcategorie, week, nieuw, afgehandeld, binnen_termijn, doorlooptijden"
)


# Past this share of all (buurt, week) pairs, rebuilding the touched pairs one index range at a time
# costs more than one full rebuild (bench: 1 000 changes over two years touched half the pairs and
# took 71 s against 32 s for everything).
# A refresh of a few pairs (the job every minute) always stays incremental.
HERBOUW_AANDEEL = 0.2
HERBOUW_MINIMUM = 100


@transaction.atomic
def ververs_alles() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"delete from {_CEL}")
        cursor.execute(f"insert into {_CEL} ({_KOLOMMEN}) {CELLEN_SQL.format(van='', waar='true')}")
        cellen = cursor.rowcount
    ververs_gebieden()
    return cellen


@transaction.atomic
def ververs_gebieden(buurtcodes: set[str] | None = None) -> int:
    """Compute the `Gebiedcijfer` rows of these buurten, their wijken and the gemeente (None: of
    every gebied); returns the gebieden computed."""
    sinds = indicatoren.periode_start()
    oud = Gebiedcijfer.objects.all()
    if buurtcodes is None or oud.exclude(sinds=sinds).exists():
        doel = [gebieden.gemeente(), *gebieden.wijken(), *gebieden.buurten()]
    else:
        buurten = [gebieden.Gebied(b, "", "buurt") for b in sorted(buurtcodes) if b]
        wijken = [
            gebieden.Gebied(w, "", "wijk") for w in sorted({gebieden.wijk_van(b.code) for b in buurten})
        ]
        doel = [gebieden.gemeente(), *wijken, *buurten]
        oud = oud.filter(gebiedscode__in=[g.code for g in doel])
    rijen = [r for g in doel for r in indicatoren.berekend(g, sinds)]
    oud.delete()
    Gebiedcijfer.objects.bulk_create(rijen)
    return len(doel)


@transaction.atomic
def ververs_zaken(zaak_ids: list[int]) -> int:
    """Rebuild the cells of the (buurt, week) pairs of these zaken (all cells when they are more
    than `HERBOUW_AANDEEL` of the pairs), and the figures of their gebieden; returns the cells
    written."""
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
            f"""select (select count(*) from dashboard_sleutels),
                       (select count(*) from (select distinct buurtcode, week from {_CEL}) p),
                       (select array_agg(distinct buurtcode) from dashboard_sleutels)"""
        )
        paren, alle_paren, buurtcodes = cursor.fetchone()
        if paren > max(HERBOUW_MINIMUM, HERBOUW_AANDEEL * alle_paren):
            cursor.execute("drop table dashboard_sleutels")
            return ververs_alles()
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
    ververs_gebieden(set(buurtcodes))
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
            broncellen.ververs_zaken(zaken)
        gelezen += aantal
        if aantal < max_aantal:
            return gelezen
