"""Buurtberichten benchmark: matching, delivery and the weekly digest at scale.

    .venv/bin/python bench/buurtberichten_bench.py [--abonnementen 100000] [--bezorgen 10000] [--paren 5]
        [--stralen realistisch|uniform] [--delen matching bezorging overzicht] [--bgt SCHAAL] [--verzenden K]

Makes its own database (loket_bench_buurtberichten, migrated), then in a process of its own:
1. writes N confirmed subscriptions of mixed shapes set-based in SQL over the municipality's built-up
   area: 60 % an address circle (100–3000 m), 20 % a buurt-sized square (400–1200 m), 20 % a drawn
   quadrilateral (200–1500 m); random topics and frequencies;
2. matching: one bericht (60 % points, 20 % lines, 20 % polygons, at random places) against all of
   them, `matching.ontvangers` as the fan-out runs it; p50/p95 per round of 50 berichten, in turns,
   target p95 < 50 ms;
3. delivery: B direct subscribers around one spot; per round one bericht is published and a real
   worker (`manage.py procrastinate worker`) fans it out, plans the mails and sends them to a real
   SMTP server (aiosmtpd, a process of its own) on 127.0.0.1; timed from the publication to the last
   message counted at the server, target ≥ 200 messages/s; duplicates counted;
4. the weekly digest for N subscribers, each with one to three waiting berichten: the weekly job
   (`buurtberichten.overzicht_wekelijks`) deferred and run by a real worker, timed from the defer until
   the job is done, i.e. every digest, with its map, is in the mail outbox, target < 2 minutes; the
   maps alone (distinct images, ms per image); with `--verzenden K` also K rounds until the SMTP
   sink has counted every digest (a worker as `make run` starts it, all queues).
   `--bgt SCHAAL` first loads the project's generated sample BGT at that scale into the bench database
   (the real BGT under /work/shared/data is Otterlo, outside this municipality), so the maps show a
   real basemap; without it MapServer draws an empty one and identical images collapse.
Each part in ≥ 5 rounds (`--paren`) with the spread, peak memory per process and the load average.
Prints figures; never fails.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

from common import ROOT, prepare_database  # sets up Django before the project imports below

sys.path.insert(0, str(ROOT / "bench"))
from harness import Ronde, Zijde, in_beurten, rapport  # noqa: E402

BENCH_DB = "loket_bench_buurtberichten"
# The built-up part of the municipality (RD New): where residents and berichten are.
GEBIED = (111000, 548000, 116000, 556000)

ABONNEMENTEN_SQL = """
INSERT INTO buurtberichten_abonnement
    (email, onderwerpen, frequentie, gepauzeerd, aangemaakt, bevestigd_op, bron, token, bevestig_token)
SELECT 'bench' || g || '@example.org',
       coalesce((SELECT array_agg(o) FROM unnest(%(onderwerpen)s::varchar[]) o WHERE random() < 0.6 AND g > 0),
                ARRAY['werkzaamheden']::varchar[]),
       (ARRAY['direct', 'dagelijks', 'wekelijks'])[1 + (g %% 3)],
       false, now(), now(), 'bench', md5('t' || g) || md5('u' || g), md5('b' || g) || md5('c' || g)
FROM generate_series(%(van)s, %(tot)s) g
"""
GEBIEDEN_SQL = """
INSERT INTO buurtberichten_gebied (abonnement_id, soort, omschrijving, straal_m, code, onderwerpen, frequentie, actief, geom)
SELECT a.id, s.soort, 'bench', s.straal, '', a.onderwerpen, a.frequentie, true,
       ST_Multi(CASE s.soort
         WHEN 'adres' THEN ST_Buffer(ST_SetSRID(ST_MakePoint(s.x, s.y), 28992), s.straal, 8)
         WHEN 'buurt' THEN ST_MakeEnvelope(s.x, s.y, s.x + s.maat, s.y + s.maat, 28992)
         ELSE ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[
              ST_MakePoint(s.x, s.y), ST_MakePoint(s.x + s.maat, s.y + s.maat * 0.1),
              ST_MakePoint(s.x + s.maat * 0.8, s.y + s.maat), ST_MakePoint(s.x - s.maat * 0.1, s.y + s.maat * 0.7),
              ST_MakePoint(s.x, s.y)])), 28992)
       END)
FROM buurtberichten_abonnement a
CROSS JOIN LATERAL (
    SELECT CASE WHEN a.id %% 10 < 6 THEN 'adres' WHEN a.id %% 10 < 8 THEN 'buurt' ELSE 'getekend' END AS soort,
           %(minx)s + random() * (%(maxx)s - %(minx)s) AS x, %(miny)s + random() * (%(maxy)s - %(miny)s) AS y,
           (%(stralen)s::int[])[1 + floor(random() * cardinality(%(stralen)s::int[]))::int] AS straal,
           CASE WHEN a.id %% 10 < 8 THEN 400 + random() * 800 ELSE 200 + random() * 1300 END AS maat
    WHERE a.id > 0
) s
WHERE a.id BETWEEN %(van)s AND %(tot)s
"""


# The radius a resident picks: mostly their street and neighbourhood, a few the whole town (weights
# 15/35/25/15/7/3 % for 100/250/500/1000/2000/3000 m); "uniform" gives every radius the same chance.
STRALEN = {
    "realistisch": [100] * 15 + [250] * 35 + [500] * 25 + [1000] * 15 + [2000] * 7 + [3000] * 3,
    "uniform": [100, 250, 500, 1000, 2000, 3000],
}


def genereer(n: int, stralen: str) -> None:
    from django.db import connection

    from loket.buurtberichten.models import Onderwerp

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM buurtberichten_gebied WHERE omschrijving = %s", [f"bench {stralen}"]
        )
        if cursor.fetchone()[0] >= n:
            return
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE buurtberichten_abonnement CASCADE")
        for van in range(1, n + 1, 20_000):
            tot = min(van + 19_999, n)
            cursor.execute(ABONNEMENTEN_SQL, {"onderwerpen": list(Onderwerp.values), "van": van, "tot": tot})
        cursor.execute("SELECT min(id), max(id) FROM buurtberichten_abonnement")
        laag, hoog = cursor.fetchone()
        minx, miny, maxx, maxy = GEBIED
        cursor.execute(
            GEBIEDEN_SQL,
            {
                "van": laag,
                "tot": hoog,
                "minx": minx,
                "miny": miny,
                "maxx": maxx,
                "maxy": maxy,
                "stralen": STRALEN[stralen],
            },
        )
        cursor.execute("UPDATE buurtberichten_gebied SET omschrijving = %s", [f"bench {stralen}"])
        cursor.execute("ANALYZE buurtberichten_abonnement; ANALYZE buurtberichten_gebied")
    print(
        f"{n:,} abonnementen ({stralen} stralen) gegenereerd in {time.perf_counter() - start:.0f} s",
        flush=True,
    )


def willekeurige_geometrie(rng: random.Random):
    from django.contrib.gis.geos import LineString, Point, Polygon

    minx, miny, maxx, maxy = GEBIED
    x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
    keuze = rng.random()
    if keuze < 0.6:
        return Point(x, y, srid=28992)
    if keuze < 0.8:
        return LineString((x, y), (x + rng.uniform(-800, 800), y + rng.uniform(-800, 800)), srid=28992)
    d = rng.uniform(50, 400)
    vlak = Polygon(((x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)))
    vlak.srid = 28992
    return vlak


def meet_matching(paren: int, stralen: str) -> None:
    from loket.buurtberichten import matching

    rng = random.Random(15)
    soorten = ["werkzaamheden", "evenement", "omleiding", "vergunningaanvraag", "meldingen"]
    aantallen = []

    def ronde() -> Ronde:
        tijden = []
        for _ in range(50):
            geom, soort = willekeurige_geometrie(rng), rng.choice(soorten)
            t = time.perf_counter()
            aantallen.append(len(matching.ontvangers(geom, soort)))
            tijden.append(time.perf_counter() - t)
        return Ronde(tijden)

    reeksen = in_beurten([Zijde("één bericht tegen alle abonnementen", ronde)], paren=paren)
    rapport(
        f"Matching, {stralen} stralen (matching.ontvangers, PostGIS, GiST op de actieve gebieden)", reeksen
    )
    aantallen.sort()
    print(f"  ontvangers per bericht: mediaan {aantallen[len(aantallen) // 2]:,}, max {aantallen[-1]:,}")


def sink(poort: int, telbestand: str) -> None:
    """A real SMTP server in a process of its own (aiosmtpd), counting what it accepts into a file:
    the messages and the distinct recipients (a message that arrived twice shows as a difference)."""
    import asyncio
    import logging
    import threading

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command otherwise

    class Tel:
        aantal = 0
        ontvangers: set[str] = set()

        async def handle_DATA(self, server, session, envelope):
            Tel.aantal += 1
            Tel.ontvangers.update(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Tel(), hostname="127.0.0.1", port=poort)
    controller.start()

    def schrijf():
        while True:
            with open(telbestand + ".tmp", "w") as f:
                f.write(f"{Tel.aantal} {len(Tel.ontvangers)}")
            os.replace(telbestand + ".tmp", telbestand)
            time.sleep(0.02)

    threading.Thread(target=schrijf, daemon=True).start()
    asyncio.run(asyncio.sleep(10**6))


def _geteld(telbestand: str) -> tuple[int, int]:
    """(messages, distinct recipients) the sink accepted so far."""
    try:
        with open(telbestand) as f:
            aantal, ontvangers = f.read().split()
            return int(aantal), int(ontvangers)
    except (FileNotFoundError, ValueError):
        return 0, 0


def _piek_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        return next(int(r.split()[1]) for r in f if r.startswith("VmHWM")) / 1024


def _leeg(cursor) -> None:
    cursor.execute(
        "TRUNCATE kern_mail_bezorging, kern_mail_bijlage, kern_mail_inhoud, buurtberichten_bezorging, "
        "buurtberichten_bericht, procrastinate_jobs CASCADE"
    )


def _start_sink() -> tuple[subprocess.Popen, int, str]:
    """The SMTP sink in a process of its own: (process, port, the file it counts into)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    telbestand = tempfile.mktemp(prefix="bb-sink-")
    proces = subprocess.Popen([sys.executable, __file__, "--sink", str(poort), "--telbestand", telbestand])
    return proces, poort, telbestand


def _start_worker(poort: int, queues: str) -> subprocess.Popen:
    """A real worker (`manage.py procrastinate worker`, as `make run` starts it) mailing to the sink."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "procrastinate", "worker", "--queues", queues],
        cwd=ROOT,
        env={
            **os.environ,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(poort),
            "MAIL_PER_MINUUT": "0",
            "LOG_LEVEL": "WARNING",
        },
    )


def meet_bezorging(n: int, paren: int) -> None:
    """N direct subscribers around one spot; per round one bericht is published and a real worker
    (`manage.py procrastinate worker`, as `make run` starts it) does the fan-out, plans the mails and
    sends them over one kept-open connection to a real SMTP server in a process of its own. Timed from
    the publication to the last message counted at the server."""
    from django.contrib.gis.geos import Point
    from django.db import connection

    from loket.buurtberichten import berichten

    sink_proces, poort, telbestand = _start_sink()
    with connection.cursor() as cursor:
        _leeg(cursor)
        cursor.execute(
            "UPDATE buurtberichten_gebied SET actief = false WHERE omschrijving <> 'bench bezorging'"
        )
        cursor.execute(
            ABONNEMENTEN_SQL.replace("'bench' || g", "'bezorging' || g"),
            {"onderwerpen": ["werkzaamheden"], "van": 10_000_001, "tot": 10_000_000 + n},
        )
        cursor.execute(
            "INSERT INTO buurtberichten_gebied (abonnement_id, soort, omschrijving, straal_m, code, onderwerpen, "
            "frequentie, actief, geom) SELECT id, 'adres', 'bench bezorging', 250, '', ARRAY['werkzaamheden'], "
            "'direct', true, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(113000 + random() * 200, 553000 + random() * 200), 28992), 250, 8)) "
            "FROM buurtberichten_abonnement WHERE email LIKE 'bezorging%%'"
        )
        cursor.execute(
            "UPDATE buurtberichten_abonnement SET frequentie = 'direct' WHERE email LIKE 'bezorging%%'"
        )
        cursor.execute("ANALYZE")
    worker = _start_worker(poort, "buurtberichten,mail")
    rondes: list[tuple[float, int, int]] = []

    def ronde() -> Ronde:
        with connection.cursor() as cursor:
            _leeg(cursor)
        voor, _ = _geteld(telbestand)
        start = time.perf_counter()
        berichten.publiceer(
            berichten.NieuwBericht(
                "werkzaamheden", "Bench", "Werk aan de weg.", Point(113100, 553100, srid=28992)
            )
        )
        while _geteld(telbestand)[0] - voor < n and time.perf_counter() - start < 900:
            if worker.poll() is not None:
                raise RuntimeError("de worker stopte")
            time.sleep(0.01)
        duur = time.perf_counter() - start
        time.sleep(1)  # a message sent twice would arrive now
        aantal, ontvangers = _geteld(telbestand)
        rondes.append((duur, aantal - voor, ontvangers))
        print(
            f"  ronde: {n:,} berichten in {duur:.1f} s = {n / duur:.0f}/s ({aantal - voor:,} ontvangen)",
            flush=True,
        )
        return Ronde([duur], _piek_mb(worker.pid))

    try:
        reeksen = in_beurten([Zijde("publiceren tot laatste mail", ronde)], paren=paren)
    finally:
        worker.terminate()
        worker.wait()
        sink_proces.terminate()
        sink_proces.wait()
    rapport(f"Bezorgen: {n:,} directe mails, één worker, SMTP-server op 127.0.0.1", reeksen, eenheid="s")
    snelheden = sorted(n / d for d, _, _ in rondes[1:])
    dubbel = sum(a - n for _, a, _ in rondes)
    print(
        f"  berichten/s per ronde: mediaan {snelheden[len(snelheden) // 2]:.0f}, {snelheden[0]:.0f}–{snelheden[-1]:.0f}; "
        f"{dubbel} dubbel ontvangen, {rondes[-1][2]:,} verschillende ontvangers",
        flush=True,
    )


def meet_overzicht(n: int, paren: int, verzenden: int) -> None:
    """The weekly digest for N subscribers, each with one to three waiting berichten, end to end: the
    weekly job (`buurtberichten.overzicht_wekelijks`) is deferred and a real worker runs it; timed from
    the defer until the job has finished, i.e. every digest, with its map, is in the mail outbox.
    Sending is not in that figure (its rate is the delivery part's). With `--verzenden K`, K more rounds
    with a worker that also sends, to the SMTP sink, timed until the sink has counted every digest."""
    from django.db import connection
    from procrastinate.contrib.django.models import ProcrastinateJob

    from loket.buurtberichten import tasks, verspreiding

    with connection.cursor() as cursor:
        _leeg(cursor)
        cursor.execute(
            "DELETE FROM buurtberichten_gebied WHERE abonnement_id IN "
            "(SELECT id FROM buurtberichten_abonnement WHERE email LIKE 'bezorging%%')"
        )
        cursor.execute("DELETE FROM buurtberichten_abonnement WHERE email LIKE 'bezorging%%'")
        cursor.execute("UPDATE buurtberichten_abonnement SET frequentie = 'wekelijks'")
        cursor.execute("UPDATE buurtberichten_gebied SET frequentie = 'wekelijks', actief = true")
        cursor.execute(
            "INSERT INTO buurtberichten_bericht (uuid, soort, titel, tekst, link, geom, gepubliceerd, verspreid_op) "
            "SELECT gen_random_uuid(), 'werkzaamheden', 'Werk ' || i, 'Werk aan de weg, deze week. ' || i, '', "
            "ST_SetSRID(ST_MakePoint(113000 + i * 400, 553000 + i * 300), 28992), now() - i * interval '1 hour', now() "
            "FROM generate_series(1, 3) i"
        )
        cursor.execute(
            "INSERT INTO buurtberichten_bezorging (abonnement_id, bericht_id, aangemaakt) "
            "SELECT a.id, b.id, now() FROM buurtberichten_abonnement a JOIN buurtberichten_bericht b "
            "ON b.id <= (SELECT min(id) FROM buurtberichten_bericht) + a.id % 3"
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(DISTINCT abonnement_id), count(*) FROM buurtberichten_bezorging")
        abonnees, bezorgingen = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM kaartlagen_bgtobject")
        bgt = cursor.fetchone()[0]
    print(f"  basiskaart: {bgt:,} BGT-objecten in de benchdatabase", flush=True)

    def opnieuw() -> None:
        # The jobs table stays: the worker may be running a periodic job of its own.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE kern_mail_bezorging, kern_mail_bijlage, kern_mail_inhoud CASCADE")
            cursor.execute("UPDATE buurtberichten_bezorging SET gemaild_op = NULL")
            cursor.execute("VACUUM ANALYZE buurtberichten_bezorging")
            cursor.execute("VACUUM ANALYZE kern_mail_bezorging")

    # The maps alone, in this process: how many distinct images, and the time per image.
    kaartrondes = []
    for _ in range(2):
        opnieuw()
        start = time.perf_counter()
        kaarten = verspreiding.overzichtkaarten("wekelijks")
        duur = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), coalesce(avg(length(data)), 0) FROM kern_mail_bijlage")
            opgeslagen, grootte = cursor.fetchone()
        kaartrondes.append(duur)
        print(
            f"  kaartjes: {len(kaarten.sha):,} getekend ({opgeslagen:,} verschillende beelden, gemiddeld "
            f"{grootte / 1024:.1f} KiB) in {duur:.1f} s = {1000 * duur / max(len(kaarten.sha), 1):.1f} ms per kaartje",
            flush=True,
        )

    def wacht_op_job(job_id: int, start: float) -> float:
        while True:
            status = ProcrastinateJob.objects.filter(id=job_id).values_list("status", flat=True).first()
            if status in ("succeeded", "failed", "aborted"):
                if status != "succeeded":
                    raise RuntimeError(f"de weekjob eindigde als {status}")
                return time.perf_counter() - start
            time.sleep(0.05)

    def ronde_met(worker, telbestand: str | None = None):
        opnieuw()
        voor = _geteld(telbestand)[0] if telbestand else 0
        start = time.perf_counter()
        job_id = tasks.overzicht_wekelijks.defer(timestamp=int(time.time()))
        in_outbox = wacht_op_job(job_id, start)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), pg_size_pretty(pg_total_relation_size('kern_mail_bezorging') "
                "+ pg_total_relation_size('kern_mail_inhoud')) FROM kern_mail_bezorging"
            )
            mails, grootte = cursor.fetchone()
            cursor.execute("SELECT count(*) FROM kern_mail_bijlage")
            kaartjes = cursor.fetchone()[0]
        verstuurd = None
        if telbestand:
            while _geteld(telbestand)[0] - voor < mails and time.perf_counter() - start < 3600:
                if worker.poll() is not None:
                    raise RuntimeError("de worker stopte")
                time.sleep(0.05)
            verstuurd = time.perf_counter() - start
        print(
            f"  ronde: {mails:,} overzichten ({kaartjes:,} verschillende kaartjes, outbox {grootte}) in de outbox "
            f"na {in_outbox:.1f} s"
            + (
                f", alle {_geteld(telbestand)[0] - voor:,} bij de SMTP-server na {verstuurd:.1f} s"
                if telbestand
                else ""
            )
            + f" (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        return in_outbox, verstuurd

    worker = _start_worker(0, "buurtberichten")
    try:
        reeksen = in_beurten(
            [Zijde("weekjob tot in de outbox", lambda: Ronde([ronde_met(worker)[0]], _piek_mb(worker.pid)))],
            paren=paren,
        )
    finally:
        worker.terminate()
        worker.wait()
    rapport(
        f"Wekelijks overzicht: {abonnees:,} abonnees met {bezorgingen:,} wachtende berichten, {bgt:,} BGT-objecten, "
        "van het inplannen van de weekjob tot elk overzicht met kaartje in de mail-outbox (echte worker)",
        reeksen,
        eenheid="s",
    )
    print(f"  alleen de kaartjes (in dit proces): {', '.join(f'{d:.1f}' for d in kaartrondes)} s", flush=True)
    if verzenden:
        # The planning rounds left 100 000 unsent rows: gone before a worker that sends starts on them.
        opnieuw()
        sink_proces, poort, telbestand = _start_sink()
        worker = _start_worker(poort, "buurtberichten,mail")
        try:
            tijden = [ronde_met(worker, telbestand) for _ in range(verzenden)]
            piek = _piek_mb(worker.pid)
        finally:
            worker.terminate()
            worker.wait()
            sink_proces.terminate()
            sink_proces.wait()
        tot = sorted(v for _, v in tijden)
        print(
            f"\nWekelijks overzicht tot bij de SMTP-server ({verzenden} rondes, één worker als `make run`): "
            f"mediaan {tot[len(tot) // 2]:.1f} s, {tot[0]:.1f}–{tot[-1]:.1f} s; worker piek {piek:.0f} MiB",
            flush=True,
        )


def laad_bgt(schaal: int, env: dict) -> None:
    """The project's generated sample BGT at this scale (`dev.sample.bgt_bag --scale`) into the bench
    database, so the digest maps have a real basemap. The real BGT in /work/shared/data is Otterlo, not
    this municipality: its maps would be empty here."""
    folder = ROOT / "bench" / "out" / f"scale{schaal}"
    if not (folder / "bgt_0400.zip").exists():
        subprocess.run(
            [sys.executable, "-m", "dev.sample.bgt_bag", "--out", str(folder), "--scale", str(schaal)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "import_bgt", "-v0", str(folder / "bgt_0400.zip")],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"BGT-voorbeeld schaal {schaal} geladen in {time.perf_counter() - start:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--abonnementen", type=int, default=100_000)
    parser.add_argument("--bezorgen", type=int, default=10_000)
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--stralen", choices=sorted(STRALEN), default="realistisch")
    parser.add_argument(
        "--delen",
        nargs="+",
        choices=["matching", "bezorging", "overzicht"],
        default=["matching", "bezorging", "overzicht"],
    )
    parser.add_argument(
        "--bgt",
        type=int,
        default=0,
        help="laad het BGT-voorbeeld op deze schaal (0: geen BGT, lege kaartjes)",
    )
    parser.add_argument(
        "--verzenden", type=int, default=0, help="overzicht: zoveel rondes extra tot bij de SMTP-server"
    )
    parser.add_argument("--meet", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--telbestand", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        sink(args.sink, args.telbestand)
        return
    if not args.meet:
        env = prepare_database(BENCH_DB)
        if args.bgt:
            laad_bgt(args.bgt, env)
        # The release step for this database, in a folder of its own: the digest maps draw on the
        # basemap it builds (as MapProxy does), and every worker below inherits the folder.
        env["BASISKAART_DIR"] = tempfile.mkdtemp(prefix="basiskaart-bench-")
        subprocess.run([sys.executable, "manage.py", "bouw_basiskaart", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([sys.executable, __file__, "--meet", *sys.argv[1:]], cwd=ROOT, env=env, check=True)
        return
    print(f"load average bij de start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    genereer(args.abonnementen, args.stralen)
    if "matching" in args.delen:
        meet_matching(args.paren, args.stralen)
    if "bezorging" in args.delen:
        meet_bezorging(args.bezorgen, args.paren)
    if "overzicht" in args.delen:
        meet_overzicht(args.abonnementen, args.paren, args.verzenden)
    print(f"load average aan het eind: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
