"""The ImportRun rows of an import (kern.models.ImportRun), written in SQL.

The pipeline writes them through the connection of verbinding.py, so that an import started from the
lean entry point needs no model classes (loading kern.models brings in GeoDjango). The model stays the
one description of the table: it takes its status values from here, and
tests/kern/test_importrun.py checks that these statements fit its table and fields.
"""

import json

TABEL = "kern_importrun"
BEZIG, KLAAR, MISLUKT = "bezig", "klaar", "mislukt"


def begin(cursor, soort: str, bestand: str, sha256: str, status: str = BEZIG, fout: str = "") -> int:
    """A new row for one file (committed at once outside a transaction, so a crash leaves it bezig)."""
    cursor.execute(
        f"insert into {TABEL} (soort, bestand, sha256, status, gestart, klaar, telling, bevindingen, fout) "
        "values (%s, %s, %s, %s, clock_timestamp(), null, '{}', '[]', %s) returning id",
        [soort, bestand[:500], sha256, status, fout],
    )
    return cursor.fetchone()[0]


def klaar(cursor, run: int, telling: dict, bevindingen: list) -> None:
    cursor.execute(
        f"update {TABEL} set status = %s, klaar = clock_timestamp(), telling = %s::jsonb, "
        "bevindingen = %s::jsonb, fout = '' where id = %s",
        [KLAAR, json.dumps(telling), json.dumps(bevindingen), run],
    )


def mislukt(cursor, run: int, fout: str) -> None:
    # Telling and bevindingen stay as they were: nothing of the file was kept.
    cursor.execute(
        f"update {TABEL} set status = %s, klaar = clock_timestamp(), fout = %s where id = %s",
        [MISLUKT, fout, run],
    )


def eerder(cursor, soort: str, sha256: str | None, basename: str) -> bool:
    """Whether this content was imported before under the same file name (a zip member's name ends
    in it); right() rather than LIKE, which would read "_" in bgt_pand.gml as a wildcard. Without
    `sha256`: whether any content was imported under that name."""
    cursor.execute(
        f"select exists (select 1 from {TABEL} where soort = %s and status = %s "
        "and right(bestand, %s) = %s and (%s::text is null or sha256 = %s))",
        [soort, KLAAR, len(basename), basename, sha256, sha256],
    )
    return cursor.fetchone()[0]
