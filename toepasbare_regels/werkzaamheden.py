"""Find werkzaamheden by the words people use: "dakkapel voorkant", "warmtepomp", "schuting".

One search for the vergunningcheck page, the DSO-shaped API and its suggestions. Two measures, added:
- Dutch full text (stemming, stop words dropped, each word also as a prefix) over naam, synoniemen and
  omschrijving, weighted in that order (`Werkzaamheid.zoekvector`);
- pg_trgm word similarity per word against naam + synoniemen (and, weaker, the omschrijving), so a typing
  error or a half word still finds it.
Each word counts on its own: "dakkapel voorkant" finds the dakkapel even though no werkzaamheid holds
both words. When nothing fits, the nearest few come back marked as such (`Zoekuitkomst.passend`), so
the page can say so and point to the gemeente."""

import re
from dataclasses import dataclass

from django.db import connection

from .models import Werkzaamheid

MAX_ZOEKTERM = 100
MAX_WOORDEN = 8
DICHTSTBIJ = 3
# A word counts as found in a werkzaamheid from this word similarity on (pg_trgm's own default for
# its <% operator, so the GIN index can preselect): "schuting" → schutting 0.89, "dakkapl" 0.75.
DREMPEL = 0.6
# A hit in the omschrijving weighs less than one in the naam or the synoniemen.
GEWICHT_OMSCHRIJVING = 0.5
# Below this total score a hit is noise (one word that only looks like a word in a long omschrijving).
MINIMUM = 0.3

_WOORD = re.compile(r"[^\W_]+")

# %(...)s parameters only; the tsquery text is built from letters and digits (see _tsquery).
_SQL = """
WITH q AS (SELECT to_tsquery('dutch', %(tsquery)s) AS tsq),
woord AS (
    -- stop words ("ik", "een", "op") carry no meaning: they do not count for the trigram part either
    SELECT w FROM unnest(%(woorden)s::text[]) AS w WHERE numnode(plainto_tsquery('dutch', w)) > 0
),
kandidaat AS (
    SELECT wz.id, wz.naam, wz.zoekvector, wz.zoektekst, wz.omschrijving
    FROM toepasbare_regels_werkzaamheid wz, q
    WHERE wz.zoekvector @@ q.tsq {trigram_filter}
)
SELECT k.id,
    ts_rank_cd(k.zoekvector, q.tsq, 1) AS tekst,
    coalesce((
        SELECT sum(s.sim) FROM (
            SELECT greatest(
                word_similarity(woord.w, k.zoektekst),
                %(gewicht)s * word_similarity(woord.w, k.omschrijving)
            ) AS sim
            FROM woord
        ) s
        WHERE s.sim >= %(gewicht)s * %(drempel)s
    ), 0) / greatest((SELECT count(*) FROM woord), 1) AS trigram
FROM kandidaat k, q
"""

_SQL_DICHTSTBIJ = """
SELECT wz.id, max(greatest(
    word_similarity(w, wz.zoektekst), similarity(w, wz.zoektekst),
    %(gewicht)s * word_similarity(w, wz.omschrijving)
)) AS score
FROM toepasbare_regels_werkzaamheid wz, unnest(%(woorden)s::text[]) AS w
GROUP BY wz.id, wz.naam
ORDER BY score DESC, wz.naam
LIMIT %(n)s
"""


@dataclass(frozen=True)
class Treffer:
    werkzaamheid: Werkzaamheid
    score: float


@dataclass(frozen=True)
class Zoekuitkomst:
    term: str
    treffers: list[Treffer]
    # False: nothing fitted the words; `treffers` are then the nearest few, and the page says so.
    passend: bool = True

    @property
    def werkzaamheden(self) -> list[Werkzaamheid]:
        return [t.werkzaamheid for t in self.treffers]


def woorden(term: str) -> list[str]:
    """The words of a search term: lower case, letters and digits, at most MAX_WOORDEN."""
    return _WOORD.findall((term or "").lower()[:MAX_ZOEKTERM])[:MAX_WOORDEN]


def zoek(term: str, n: int = 10) -> Zoekuitkomst:
    """The werkzaamheden that fit the term, best first; without a term all of them (by naam)."""
    term = " ".join((term or "").split())[:MAX_ZOEKTERM]
    lijst = woorden(term)
    if not lijst:
        return Zoekuitkomst(term, [Treffer(w, 0.0) for w in Werkzaamheid.objects.all()[:n]])
    params = {
        "tsquery": _tsquery(lijst),
        "woorden": lijst,
        "gewicht": GEWICHT_OMSCHRIJVING,
        "drempel": DREMPEL,
    }
    # One "<%" per word, with the word as a literal parameter: each can use a trigram GIN index.
    filter_sql = "".join(
        f" OR %(w{i})s <%% wz.zoektekst OR %(w{i})s <%% wz.omschrijving" for i in range(len(lijst))
    )
    params.update({f"w{i}": w for i, w in enumerate(lijst)})
    with connection.cursor() as cursor:
        cursor.execute(_SQL.format(trigram_filter=filter_sql), params)
        scores = {i: tekst + trigram for i, tekst, trigram in cursor.fetchall()}
    scores = {i: s for i, s in scores.items() if s >= MINIMUM}
    passend = bool(scores)
    if not passend:
        with connection.cursor() as cursor:
            cursor.execute(_SQL_DICHTSTBIJ, {**params, "n": min(n, DICHTSTBIJ)})
            scores = dict(cursor.fetchall())
    gevonden = Werkzaamheid.objects.in_bulk(list(scores))
    volgorde = sorted(scores, key=lambda i: (-scores[i], gevonden[i].naam if i in gevonden else ""))
    treffers = [Treffer(gevonden[i], round(scores[i], 3)) for i in volgorde[:n] if i in gevonden]
    return Zoekuitkomst(term, treffers, passend)


def _tsquery(lijst: list[str]) -> str:
    """Any of the words, each also as a prefix (from 3 letters): "dakk" finds Dakkapel while typing.

    The words hold only letters and digits (`woorden`), so they cannot carry tsquery syntax."""
    return " | ".join(f"{w}:*" if len(w) >= 3 else w for w in lijst)
