"""Buurtdashboard at scale: 1 000 000 meldingen over two years in the sample buurten.

Measures (harness: rounds in turns, p50/p95 with the spread of the rounds):
- a wijk dashboard page (`/dashboard/<wijk>/`, every wijk in turn) as server time: the whole Django
  request in-process (test client, logged-in beheerder), no network;
- the weekly early-warning run for all buurten × hoofdcategorieën (`vroegsignaal.draai`) and the
  4-week forecast (`voorspelling.draai`);
- the full rebuild of the pre-aggregated cells and an incremental refresh of 1 000 changed meldingen;
- beside the meldingen ~2 200 vergunningaanvragen (1.5 per buurt per week, about Den Helder's number)
  and the sample werkzaamheden, pre-aggregated per buurt (`broncellen`): their full rebuild and the
  refresh of 50 changed aanvragen from the outbox path.

    .venv/bin/python bench/dashboard_bench.py [--meldingen 1000000] [--paren 5]

It prepares its own database (bench_dashboard) with the BAG/CBS sample, then measures in a process
pointed at it.
"""

import argparse
import os
import subprocess
import sys
import time

import harness
from common import ROOT, database_url, prepare_database

DB = "bench_dashboard"


def vul(aantal: int) -> None:
    """`aantal` meldingen straight into the tables (the generator of make run writes ~8 000): random
    buurt, subcategorie and moment in the last 104 weeks; 95 % closed within 0–10 days."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("select count(*) from zaken_zaak where bron = 'bench'")
        if c.fetchone()[0] >= aantal:
            return
        c.execute(
            "delete from meldingen_melding; delete from zaken_status; delete from zaken_gebeurtenis; "
            "delete from dso_koppeling_verzoek; delete from zaken_zaak"
        )
        c.execute("select id from zaken_zaaktype where code = 'melding-openbare-ruimte'")
        zaaktype = c.fetchone()[0]
        c.execute("select id from zaken_statustype where zaaktype_id = %s and is_begin", [zaaktype])
        status = c.fetchone()[0]
        start = time.perf_counter()
        c.execute(
            """with b as (select array_agg(code order by code) as code, array_agg(naam order by code) as naam,
                                 array_agg(wijk_id order by code) as wijk,
                                 array_agg(st_pointonsurface(geom) order by code) as punt from kaartlagen_buurt),
                    r as (select g, now() - random() * interval '728 days' as t, 1 + (hashint4(g) & 2147483647) %% array_length(b.code, 1) as i,
                                 random() * interval '10 days' as d, random() as p from generate_series(1, %s) g, b)
               insert into zaken_zaak (referentie, zaaktype_id, omschrijving, geometrie, adres, nummeraanduiding,
                      buurtcode, buurtnaam, wijkcode, wijknaam, bgt_objecttype, bgt_functie, bgt_lokaal_id, status_id,
                      registratiedatum, startdatum, uiterlijke_einddatum, einddatum, laatste_statuswijziging, bron,
                      externe_identificatie)
               select 'MOR-B-' || lpad(g::text, 9, '0'), %s, '',
                      st_translate(b.punt[i], random() * 200 - 100, random() * 200 - 100), '', '',
                      b.code[i], b.naam[i], b.wijk[i], '', '', '', '', %s, t, t::date, t::date + 5,
                      case when p < 0.95 and t + d < now() then t + d end, t, 'bench', ''
               from r, b""",
            [aantal, zaaktype, status],
        )
        c.execute("select array_agg(id) from meldingen_categorie where hoofdcategorie_id is not null")
        subs = c.fetchone()[0]
        c.execute(
            """insert into meldingen_melding (zaak_id, categorie_id, email, telefoon, contact_toestemming, token)
               select id, (%s::int[])[1 + (hashint4(id::int) & 2147483647) %% %s], '', '', false, md5(id::text)
               from zaken_zaak where bron = 'bench'""",
            [subs, len(subs)],
        )
        c.execute("analyze zaken_zaak; analyze meldingen_melding")
    print(f"{aantal:,} meldingen geschreven in {time.perf_counter() - start:.0f} s", flush=True)


def measure(args) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from dev.sample.berichten_historie import maak_werkzaamheden
    from dev.sample.vergunningen import maak_aanvragen
    from loket.buurtdashboard import aggregatie, broncellen, profiel, voorspelling, vroegsignaal
    from loket.buurtdashboard.gebieden import wijken

    vul(args.meldingen)
    maak_aanvragen(per_week=1.5)
    maak_werkzaamheden()
    start = time.perf_counter()
    andere = broncellen.ververs_alles()
    print(
        f"Vergunningaanvragen en berichten: {andere:,} cellen in {time.perf_counter() - start:.2f} s",
        flush=True,
    )
    if not args.zonder_paginas and not args.alleen_paginas:
        start = time.perf_counter()
        cellen = aggregatie.ververs_alles()
        print(
            f"Volledige herbouw van de cellen: {cellen:,} cellen in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        profiel.ververs()
    gebruiker, _ = get_user_model().objects.get_or_create(
        username="bench-beheerder", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(gebruiker)
    codes = [w.code for w in wijken()]

    def pagina():
        tijden = []
        for code in codes:
            t = time.perf_counter()
            antwoord = client.get(f"/dashboard/{code}/")
            tijden.append(time.perf_counter() - t)
            assert antwoord.status_code == 200, antwoord.status_code
        return harness.Ronde(tijden)

    def gemeente():
        t = time.perf_counter()
        assert client.get("/dashboard/GM0400/").status_code == 200
        return time.perf_counter() - t

    if not args.zonder_paginas:
        reeksen = harness.in_beurten(
            [harness.Zijde("wijkdashboard", pagina), harness.Zijde("gemeentedashboard", gemeente)],
            paren=args.paren,
        )
        harness.rapport(f"Buurtdashboard, {args.meldingen:,} meldingen: servertijd per pagina", reeksen)
    if args.alleen_paginas:
        return

    def signalen():
        t = time.perf_counter()
        vroegsignaal.draai()
        return time.perf_counter() - t

    def verwachting():
        t = time.perf_counter()
        voorspelling.draai()
        return time.perf_counter() - t

    from django.db import connection

    with connection.cursor() as c:
        c.execute("select id from zaken_zaak where bron = 'bench' order by random() limit 1000")
        gewijzigd = [r[0] for r in c.fetchall()]
        c.execute("select zaak_id from dso_koppeling_verzoek order by random() limit 50")
        aanvragen = [r[0] for r in c.fetchall()]

    def incrementeel():
        t = time.perf_counter()
        aggregatie.ververs_zaken(gewijzigd)
        return time.perf_counter() - t

    def vergunningcellen():
        t = time.perf_counter()
        broncellen.ververs_zaken(aanvragen)
        return time.perf_counter() - t

    reeksen = harness.in_beurten(
        [
            harness.Zijde("vroegsignalering (week)", signalen),
            harness.Zijde("vergunningcellen: 50 gewijzigde aanvragen", vergunningcellen),
            harness.Zijde("voorspelling 4 weken", verwachting),
            harness.Zijde("cellen: 1 000 gewijzigde", incrementeel),
        ],
        paren=args.paren,
    )
    harness.rapport("Buurtdashboard: wekelijkse taken", reeksen, eenheid="s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meldingen", type=int, default=1_000_000)
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument(
        "--hergebruik", action="store_true", help="de database van een vorige run opnieuw gebruiken"
    )
    parser.add_argument("--zonder-paginas", action="store_true", help="alleen de wekelijkse taken meten")
    parser.add_argument(
        "--alleen-paginas",
        action="store_true",
        help="met --hergebruik: alleen de pagina's meten, op de cellen van de vorige run",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    extra = ["--zonder-paginas"] if args.zonder_paginas else []
    extra += ["--alleen-paginas"] if args.alleen_paginas else []
    if args.hergebruik:
        env = {**os.environ, "DATABASE_URL": database_url(DB)}
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                "--meldingen",
                str(args.meldingen),
                "--paren",
                str(args.paren),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return
    env = prepare_database(DB)
    for stap in (["load_sample", "-v0"], ["load_sample_meldingen"]):
        subprocess.run(
            [sys.executable, "manage.py", *stap], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            "--meldingen",
            str(args.meldingen),
            "--paren",
            str(args.paren),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


if __name__ == "__main__":
    main()
