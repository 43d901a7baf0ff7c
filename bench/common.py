"""What the benchmarks share: Django set-up and a throwaway database of their own."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The application the benches call in their own process logs no access lines (config.wsgi), as the
# servers they start do not: a bench measures the work, not the log.
os.environ.setdefault("WEB_ACCESS_LOG", "0")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402

from kern.fouten import CodeFout  # noqa: E402

GEONOVUM = ROOT.parent / "shared" / "data" / "geonovum-omgevingsplan-gemeentestad" / "toepasbareRegels"


def vastgelegde_sql(functie, invoer: list) -> list[list[str]]:
    """Per input, the SQL statements `functie(input)` sends, as the text the server received (parameters
    bound): what a request needs of the database, to replay as the raw-SQL side of a comparison."""
    from django.db import connection

    per_invoer: list[list[str]] = []

    def leg_vast(execute, sql, params, many, context):
        per_invoer[-1].append(connection.ops.compose_sql(sql, params) if params else sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(leg_vast):
        for item in invoer:
            per_invoer.append([])
            # A point outside the municipality is a clear 400 for the endpoint, and no SQL here.
            with contextlib.suppress(CodeFout):
                functie(item)
    return per_invoer


def sql_client(dbname: str):
    """A client for harness.gelijktijdig: its own connection, replaying one request's statements in one
    transaction, one round trip each (as the application sends them)."""

    def maak():
        conn = psycopg.connect(**conninfo(dbname))

        def client(opdrachten):
            with conn.transaction():
                for sql in opdrachten:
                    cur = conn.execute(sql)
                    if cur.description:
                        cur.fetchall()

        client.sluit = conn.close
        return client

    return maak


def conninfo(dbname: str) -> dict:
    db = settings.DATABASES["default"]
    info = {
        "dbname": dbname,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    return {k: v for k, v in info.items() if v}


def database_url(dbname: str) -> str:
    info = conninfo(dbname)
    auth = quote(info.get("user", "")) + (":" + quote(info["password"]) if "password" in info else "")
    return f"postgis://{auth}@{quote(info.get('host', ''), safe='')}:{info.get('port', '5432')}/{dbname}"


def prepare_database(dbname: str) -> dict:
    """A fresh, migrated database; returns the environment that points Django at it."""
    with psycopg.connect(**conninfo(settings.DATABASES["default"]["NAME"]), autocommit=True) as conn:
        conn.execute(f"drop database if exists {dbname}")
        conn.execute(f"create database {dbname}")
    env = {**os.environ, "DATABASE_URL": database_url(dbname)}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def plan_benchmark(script: str, dbname: str, met_bag: bool = False) -> None:
    """What the omgevingsplan benchmarks share: `script --cellen N --punten N --paren N --clients N` prepares a database with
    the sample plan (and with `met_bag` the BAG/BGT sample), then measures in a process of its own so
    Django's database settings point at that database; `--measure` is the measuring half."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--cellen", type=int, default=105_000)
    parser.add_argument("--punten", type=int, default=200, help="verzoeken per ronde")
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--werkersoort", help="ter vergelijking: gunicorn met deze --worker-class in plaats van granian"
    )
    parser.add_argument(
        "--threads", type=int, help="threads per werkerproces (standaard die van config/webserver.py)"
    )
    parser.add_argument("--hergebruik", action="store_true", help="meet op de database van de vorige keer")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.modules["__main__"].measure(args)
        return
    meer = ["--werkersoort", args.werkersoort] if args.werkersoort else []
    meer += ["--threads", str(args.threads)] if args.threads else []
    if args.hergebruik:
        env = {**os.environ, "DATABASE_URL": database_url(dbname)}
        meer.append("--hergebruik")
    else:
        env = _vul_plan_database(dbname, met_bag)
    subprocess.run(
        [
            sys.executable,
            script,
            "--measure",
            *("--cellen", str(args.cellen), "--punten", str(args.punten)),
            *("--paren", str(args.paren), "--clients", str(args.clients)),
            *meer,
        ],
        env=env,
        check=True,
    )


def _vul_plan_database(dbname: str, met_bag: bool) -> dict:
    voorbeeld = ROOT / "data" / "bgt_bag_samples"
    if not any(voorbeeld.glob("BAGGEM*.zip")):
        from dev.sample.bgt_bag import generate

        generate(voorbeeld)
    plan = OUT / "omgevingsplan_sample"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dev.sample.omgevingsplan",
            "--out",
            str(plan),
            "--sample",
            str(voorbeeld),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = prepare_database(dbname)
    if met_bag:
        subprocess.run(
            [sys.executable, "manage.py", "load_sample", "-v0", str(voorbeeld)], cwd=ROOT, env=env, check=True
        )
    subprocess.run(
        [sys.executable, "manage.py", "import_omgevingsplan", "-v0", str(plan)], cwd=ROOT, env=env, check=True
    )
    return env
