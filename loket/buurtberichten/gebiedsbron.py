"""Buurtberichten per buurt and soort for the buurtdashboard (registered in
`kaartlagen.gebiedsbronnen` when the app starts; the dashboard is a sibling and may not import us).

A bericht counts in the one buurt where its middle lies (`ST_PointOnSurface`), so a werkzaamheid
along a street that crosses two buurten is counted once and the wijk's sum stays right. Measures:
`gepubliceerd` per month, and for berichten with dates (werkzaamheden, omleidingen, evenementen) how
many are `bezig` today and how many are `aangekondigd` (they start later).
"""

from django.db import connection
from django.utils import timezone

from kaartlagen.gebiedsbronnen import Gebiedsbron, Telling, registreer
from loket.buurtberichten.models import Bericht, Onderwerp

TIJDZONE = "Europe/Amsterdam"
_BERICHT = Bericht._meta.db_table

_SQL = f"""
with b as (
    select coalesce(g.code, '') as buurtcode, x.soort, x.gepubliceerd, x.begin, x.eind
    from {_BERICHT} x
    left join kaartlagen_buurt g on st_intersects(g.geom, st_pointonsurface(x.geom))
)
select buurtcode, soort, 'gepubliceerd', date_trunc('month', gepubliceerd at time zone '{TIJDZONE}')::date, count(*)
from b where {{waar}} group by 1, 2, 4
union all
select buurtcode, soort, 'bezig', null, count(*)
from b where {{waar}} and begin <= %(vandaag)s and coalesce(eind, begin) >= %(vandaag)s group by 1, 2
union all
select buurtcode, soort, 'aangekondigd', null, count(*)
from b where {{waar}} and begin > %(vandaag)s group by 1, 2
"""


def tellingen(buurtcodes: list[str] | None) -> list[Telling]:
    namen = dict(Onderwerp.choices)
    waar = "true" if buurtcodes is None else "buurtcode = any(%(buurten)s)"
    with connection.cursor() as c:
        c.execute(_SQL.format(waar=waar), {"vandaag": timezone.localdate(), "buurten": buurtcodes})
        return [
            Telling(buurt, soort, namen.get(soort, soort), maat, maand, n)
            for buurt, soort, maat, maand, n in c.fetchall()
        ]


def stempel() -> str:
    """Changes with every new or removed bericht, and every day (what is bezig moves with the date)."""
    with connection.cursor() as c:
        c.execute(f"select count(*), coalesce(max(id), 0) from {_BERICHT}")
        aantal, hoogste = c.fetchone()
    return f"{aantal}:{hoogste}:{timezone.localdate().isoformat()}"


registreer(
    Gebiedsbron(
        naam="buurtberichten",
        titel="Werkzaamheden en andere buurtberichten",
        tellingen=tellingen,
        maten=(("bezig", "nu bezig"), ("aangekondigd", "aangekondigd"), ("gepubliceerd", "gepubliceerd")),
        stempel=stempel,
    )
)
