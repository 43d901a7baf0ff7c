"""Who hears of a bericht: PostGIS tests the bericht's geometry against every subscription area
(GiST index on the areas), with topic and state as filters on the subscription.

One statement does the fan-out: the matching subscribers get a bezorging row each, and the unique
(abonnement, bericht) key makes a second run add nothing."""

from django.db import connection

from loket.buurtberichten.models import Bericht, Bezorging, Gebied

_G, _BZ = Gebied._meta.db_table, Bezorging._meta.db_table

# The areas carry the subscription's state, topics and frequency (Gebied): one table, walked through
# the GiST index over the active areas, exact shapes checked, no join per candidate.
_MATCH = f"""
    SELECT DISTINCT g.abonnement_id FROM {_G} g
    WHERE g.actief AND ST_Intersects(g.geom, %(geom)s::geometry)
      AND g.onderwerpen @> ARRAY[%(soort)s]::varchar[]
      {{extra}}
"""


def ontvangers(geom, soort: str, frequentie: str | None = None) -> list[int]:
    """The ids of the active subscriptions that hear of a bericht of `soort` at `geom`."""
    extra, params = "", {"geom": geom.ewkb, "soort": soort}
    if frequentie:
        extra, params["frequentie"] = "AND g.frequentie = %(frequentie)s", frequentie
    with connection.cursor() as cursor:
        cursor.execute(_MATCH.format(extra=extra), params)
        return [rij[0] for rij in cursor.fetchall()]


def bereik(geom, soort: str) -> int:
    """How many subscribers a bericht would reach (the backoffice preview: a count, never who)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM ({_MATCH.format(extra='')}) m", {"geom": geom.ewkb, "soort": soort}
        )
        return cursor.fetchone()[0]


def maak_bezorgingen(bericht: Bericht) -> int:
    """One bezorging per matching subscriber (none twice); returns how many are new."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_BZ} (abonnement_id, bericht_id, aangemaakt) "
            f"SELECT m.abonnement_id, %(bericht)s, now() FROM ({_MATCH.format(extra='')}) m "
            "ON CONFLICT (abonnement_id, bericht_id) DO NOTHING",
            {"geom": bericht.geom.ewkb, "soort": bericht.soort, "bericht": bericht.pk},
        )
        return cursor.rowcount
