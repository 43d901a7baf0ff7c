"""Find werkzaamheden by the words people use ("schutting", "hek", "dakraam"), typo tolerant."""

from django.db import connection

from .models import Werkzaamheid

MAX_ZOEKTERM = 100

_SQL = """
    SELECT id, greatest(word_similarity(%(q)s, zoektekst), CASE WHEN zoektekst LIKE %(prefix)s THEN 1 ELSE 0 END) AS score
    FROM toepasbare_regels_werkzaamheid
    WHERE %(q)s <%% zoektekst OR zoektekst LIKE %(prefix)s
    ORDER BY score DESC, naam
    LIMIT %(n)s
"""


def zoek(term: str, n: int = 10) -> list[tuple[Werkzaamheid, float]]:
    term = " ".join((term or "").lower().split())[:MAX_ZOEKTERM]
    if not term:
        return [(w, 0.0) for w in Werkzaamheid.objects.all()[:n]]
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"q": term, "prefix": f"%{_like(term)}%", "n": n})
        scores = dict(cursor.fetchall())
    gevonden = Werkzaamheid.objects.in_bulk(list(scores))
    return [(gevonden[i], round(s, 3)) for i, s in scores.items() if i in gevonden]


def _like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
