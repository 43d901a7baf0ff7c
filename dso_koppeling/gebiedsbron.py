"""Vergunningaanvragen per buurt and activiteit for the buurtdashboard (registered in
`kaartlagen.gebiedsbronnen` when the app starts).

The zaak knows where an aanvraag is (its buurtcode) and how far it is (einddatum, status); which
activiteiten it asks for is only known here, in `Verzoek.activiteiten` (after the aanvullingen). An
aanvraag with two activiteiten counts once for each, and once under sleutel "" (every aanvraag once). Measures: `aangevraagd` per month of indiening,
`besloten` per month of the besluit (status besluit_genomen; an ingetrokken aanvraag is no besluit) and
`open` now (no einddatum).
"""

from django.db import connection

from dso_koppeling.zaaktypen import VERGUNNINGAANVRAAG
from kaartlagen.gebiedsbronnen import Gebiedsbron, Telling, registreer

TIJDZONE = "Europe/Amsterdam"
BESLUIT = "besluit_genomen"

_SQL = f"""
with a as (
    select z.id, coalesce(z.buurtcode, '') as buurtcode, act->>'urn' as urn, act->>'naam' as naam,
           date_trunc('month', z.registratiedatum at time zone '{TIJDZONE}')::date as ingediend,
           date_trunc('month', z.einddatum at time zone '{TIJDZONE}')::date as besluit,
           z.einddatum is null as open, s.code = '{BESLUIT}' as besloten
    from dso_koppeling_verzoek v
    join zaken_zaak z on z.id = v.zaak_id
    join zaken_statustype s on s.id = z.status_id
    cross join jsonb_array_elements(v.activiteiten) act
    where v.type = 'aanvraag' and {{waar}}
)
select buurtcode, coalesce(urn, ''), coalesce(min(naam), ''), 'aangevraagd', ingediend, count(distinct id)
from a group by grouping sets ((buurtcode, urn, ingediend), (buurtcode, ingediend))
union all
select buurtcode, coalesce(urn, ''), coalesce(min(naam), ''), 'besloten', besluit, count(distinct id)
from a where besloten group by grouping sets ((buurtcode, urn, besluit), (buurtcode, besluit))
union all
select buurtcode, coalesce(urn, ''), coalesce(min(naam), ''), 'open', null, count(distinct id)
from a where open group by grouping sets ((buurtcode, urn), (buurtcode))
"""


def tellingen(buurtcodes: list[str] | None) -> list[Telling]:
    waar, params = (
        ("true", []) if buurtcodes is None else ("coalesce(z.buurtcode, '') = any(%s)", [buurtcodes])
    )
    with connection.cursor() as c:
        c.execute(_SQL.format(waar=waar), params)
        return [Telling(*rij) for rij in c.fetchall()]


registreer(
    Gebiedsbron(
        naam="vergunningen",
        titel="Vergunningaanvragen (via het Omgevingsloket)",
        tellingen=tellingen,
        maten=(("aangevraagd", "aangevraagd"), ("besloten", "besluiten"), ("open", "nu open")),
        zaaktypen=frozenset({VERGUNNINGAANVRAAG.code}),
    )
)
