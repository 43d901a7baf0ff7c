"""Meldingen benchmark with 1 000 000 meldingen in the database.

    .venv/bin/python bench/meldingen_bench.py [--aantal 1000000] [--herhaal 200]

Makes its own database (loket_bench_meldingen): migrations, the generated sample at scale 1 (addresses,
buurten, BGT), then a generator writes the meldingen set-based in SQL (zaak + melding + first status,
spread over three years and the whole sample area; recent ones mostly open, older ones mostly closed),
enriched with buurt and wijk by a spatial join. Then, with server time through the Django test client:
1. create a melding (POST /api/meldingen with enrichment, routing, sequence, event): p50/p95;
2. "Is dit al gemeld?" (GET /api/meldingen/al-gemeld at random addresses): p50/p95 (target < 30 ms);
3. the public layer for the whole municipality (GET /api/meldingen/kaart, GeoJSON built in SQL) and one
   z12 vector tile: p50/p95, features, bytes (target < 200 ms);
4. the backoffice list of one team with filters (GET /api/backoffice/meldingen): p50/p95 (target < 100 ms).
Prints figures; never fails.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time

from common import OUT, ROOT, prepare_database  # sets up Django before the project imports below

BENCH_DB = "loket_bench_meldingen"

GENEREER_SQL = """
WITH cat AS (
    SELECT array_agg(id ORDER BY id) AS ids FROM meldingen_categorie WHERE hoofdcategorie_id IS NOT NULL
), team AS (SELECT array_agg(id ORDER BY id) AS ids FROM zaken_team),
st AS (
    SELECT max(s.id) FILTER (WHERE s.code = 'gemeld') AS st_open, max(s.id) FILTER (WHERE s.code = 'afgehandeld') AS st_dicht,
           max(zaaktype_id) AS zaaktype
    FROM zaken_statustype s JOIN zaken_zaaktype t ON t.id = s.zaaktype_id AND t.code = 'melding-openbare-ruimte'
), r AS (
    SELECT g, random() AS a, random() AS b, random() AS c, random() AS d,
           now() - random() * interval '1095 days' AS reg
    FROM generate_series(%(van)s, %(tot)s) g
)
INSERT INTO zaken_zaak (referentie, zaaktype_id, omschrijving, geometrie, adres, nummeraanduiding, buurtcode,
    buurtnaam, wijkcode, wijknaam, bgt_objecttype, bgt_functie, bgt_lokaal_id, status_id, behandelend_team_id,
    registratiedatum, startdatum, uiterlijke_einddatum, einddatum, laatste_statuswijziging, bron, externe_identificatie)
SELECT 'MOR-B-' || lpad(g::text, 7, '0'), st.zaaktype, 'Bench',
       ST_SetSRID(ST_MakePoint(%(minx)s + a * (%(maxx)s - %(minx)s), %(miny)s + b * (%(maxy)s - %(miny)s)), %(srid)s),
       '', '', '', '', '', '', '', '', '',
       CASE WHEN is_open THEN st.st_open ELSE st.st_dicht END,
       team.ids[1 + floor(c * array_length(team.ids, 1))::int],
       reg, reg::date, reg::date + 10, CASE WHEN is_open THEN NULL ELSE reg + interval '5 days' END,
       CASE WHEN is_open THEN reg ELSE reg + interval '5 days' END, 'bench', ''
FROM (SELECT *, CASE WHEN reg > now() - interval '14 days' THEN d < 0.7 ELSE d < 0.01 END AS is_open FROM r) r, st, team
"""
MELDING_SQL = """
INSERT INTO meldingen_melding (zaak_id, categorie_id, email, telefoon, contact_toestemming, token)
SELECT z.id, cat.ids[1 + floor(random() * array_length(cat.ids, 1))::int],
       '', '', false, md5(random()::text) || md5(z.id::text)
FROM zaken_zaak z, (SELECT array_agg(id ORDER BY id) AS ids FROM meldingen_categorie WHERE hoofdcategorie_id IS NOT NULL) cat
WHERE z.bron = 'bench' AND z.id BETWEEN %(van)s AND %(tot)s
"""
STATUS_SQL = """
INSERT INTO zaken_status (zaak_id, statustype_id, tijdstip, door_omschrijving, toelichting_intern, tekst_voor_burger)
SELECT id, status_id, registratiedatum, 'melder', '', '' FROM zaken_zaak WHERE bron = 'bench' AND id BETWEEN %(van)s AND %(tot)s
"""
OPENBAAR_SQL = """
UPDATE zaken_zaak SET locatie_openbaar = ST_SnapToGrid(geometrie, 10)
WHERE bron = 'bench' AND id BETWEEN %(van)s AND %(tot)s
"""
GEBIED_SQL = """
UPDATE zaken_zaak z SET buurtcode = b.code, buurtnaam = b.naam, wijkcode = b.wijk_id
FROM kaartlagen_buurt b WHERE z.bron = 'bench' AND z.id BETWEEN %(van)s AND %(tot)s AND ST_Intersects(b.geom, z.geometrie)
"""


def genereer(aantal: int) -> None:
    from django.db import connection

    from kern.crs import RD_NEW

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM kaartlagen_buurt) s"
        )
        minx, miny, maxx, maxy = cursor.fetchone()
        start = time.perf_counter()
        blok = 100_000
        for van in range(1, aantal + 1, blok):
            tot = min(van + blok - 1, aantal)
            cursor.execute(
                GENEREER_SQL,
                {
                    "van": van,
                    "tot": tot,
                    "minx": minx,
                    "maxx": maxx,
                    "miny": miny,
                    "maxy": maxy,
                    "srid": RD_NEW,
                },
            )
            cursor.execute(
                "SELECT min(id), max(id) FROM zaken_zaak WHERE referentie IN (%s, %s)",
                [f"MOR-B-{van:07d}", f"MOR-B-{tot:07d}"],
            )
            ids = dict(zip(("van", "tot"), cursor.fetchone(), strict=True))
            for sql in (MELDING_SQL, STATUS_SQL, OPENBAAR_SQL, GEBIED_SQL):
                cursor.execute(sql, ids)
            print(f"  {tot:>9,} meldingen ({time.perf_counter() - start:.0f} s)", flush=True)
        cursor.execute("ANALYZE zaken_zaak; ANALYZE meldingen_melding; ANALYZE zaken_status")
        cursor.execute("SELECT count(*) FILTER (WHERE einddatum IS NULL), count(*) FROM zaken_zaak")
        open_, totaal = cursor.fetchone()
    print(
        f"Gegenereerd: {totaal:,} meldingen, waarvan {open_:,} open, in {time.perf_counter() - start:.0f} s"
    )


def tijden(functie, n: int) -> tuple[float, float]:
    gemeten = []
    for _ in range(n):
        t = time.perf_counter()
        functie()
        gemeten.append((time.perf_counter() - t) * 1000)
    gemeten.sort()
    return statistics.median(gemeten), gemeten[int(len(gemeten) * 0.95) - 1]


def regel(wat: str, p50: float, p95: float, extra: str = "") -> None:
    print(f"{wat:<58} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {extra}", flush=True)


def measure(args) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from kaartlagen.models import Verblijfsobject
    from kaartlagen.tegels import tegel_index
    from loket.zaken.models import Team, Zaak

    settings.MELDINGEN_MAX_PER_UUR = 10**9
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if not Zaak.objects.filter(bron="bench").exists():
        genereer(args.aantal)
    rng = random.Random(4)
    punten = [(v.geom.x, v.geom.y) for v in Verblijfsobject.objects.filter(actief=True).order_by("?")[:2000]]
    client = Client()
    categorieen = ["losse-stoeptegel", "lamp-kapot", "zwerfvuil", "overhangend-groen", "container-vol"]

    def melden():
        x, y = rng.choice(punten)
        data = {
            "categorie": rng.choice(categorieen),
            "omschrijving": "Bench melding",
            "x": x + 3,
            "y": y + 2,
            "crs": "rd",
        }
        r = client.post("/api/meldingen", data, content_type="application/json")
        assert r.status_code == 201, r.content[:300]

    regel("melden (POST /api/meldingen)", *tijden(melden, args.herhaal))
    from loket.meldingen import openbaar

    t = time.perf_counter()
    openbaar.ververs()
    print(
        f"openbare laag verversen (materialized view): {(time.perf_counter() - t) * 1000:.0f} ms", flush=True
    )

    def al_gemeld():
        x, y = rng.choice(punten)
        params = {"categorie": rng.choice(categorieen), "x": x, "y": y, "crs": "rd"}
        assert client.get("/api/meldingen/al-gemeld", params).status_code == 200

    regel('"Is dit al gemeld?" (GET /api/meldingen/al-gemeld)', *tijden(al_gemeld, args.herhaal * 5))

    r = client.get("/api/meldingen/kaart")
    objecten = len(r.json()["features"])
    omvang = f"{objecten:,} objecten, {len(r.content) / 1e6:.1f} MB"
    regel(
        "openbare laag hele gemeente (GET /api/meldingen/kaart)",
        *tijden(lambda: client.get("/api/meldingen/kaart"), 20),
        omvang,
    )
    x, y = tegel_index(113250, 550000, 12)
    r = client.get(f"/tiles/meldingen/12/{x}/{y}.mvt")
    regel(
        f"vectortegel z12 ({len(r.content) / 1e3:.0f} kB)",
        *tijden(lambda: client.get(f"/tiles/meldingen/12/{x}/{y}.mvt"), 20),
    )

    medewerker, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True})
    Team.objects.get(code="wegen").leden.add(medewerker)
    client.force_login(medewerker)
    buurt = Zaak.objects.exclude(buurtcode="").values_list("buurtcode", flat=True).first()
    filters = [
        {},
        {"status": "gemeld"},
        {"categorie": "afval"},
        {"over_termijn": "true"},
        {"buurt": buurt},
        {"open": "true", "sortering": "termijn"},
    ]
    for f in filters:
        regel(
            f"backoffice-lijst team, filter {f or 'geen'}"[:58],
            *tijden(lambda f=f: client.get("/api/backoffice/meldingen", f), max(20, args.herhaal // 5)),
        )
    alle = []
    for f in filters:
        alle += [lambda f=f: client.get("/api/backoffice/meldingen", f)] * 20
    rng.shuffle(alle)
    regel("backoffice-lijst alle filters door elkaar", *tijden(lambda: alle.pop()(), len(alle)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aantal", type=int, default=1_000_000)
    parser.add_argument("--herhaal", type=int, default=200)
    parser.add_argument(
        "--hergebruik", action="store_true", help="meet opnieuw op de database van de vorige keer"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    if args.hergebruik:
        from common import database_url

        env = {**os.environ, "DATABASE_URL": database_url(BENCH_DB)}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    else:
        env = laad()
    subprocess.run(
        [sys.executable, __file__, "--measure", "--aantal", str(args.aantal), "--herhaal", str(args.herhaal)],
        env={**env, "LOG_LEVEL": "ERROR"},
        check=True,
    )


def laad() -> dict:
    folder = OUT / "scale1"
    if not any(folder.glob("BAGGEM*.zip")):
        from dev.sample.bgt_bag import generate

        generate(folder, scale=1)
    env = prepare_database(BENCH_DB)
    subprocess.run(
        [sys.executable, "manage.py", "load_sample", "-v0", str(folder)], cwd=ROOT, env=env, check=True
    )
    # The sample teams, categories and routing rules (no migration makes them any more).
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from dev.sample.meldingen import maak_categorieen; maak_categorieen()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


if __name__ == "__main__":
    main()
