"""The application server side by side: granian (HTTP in Rust, WSGI on threads; config/webserver.py, what
`make run` serves with) against gunicorn with gthread workers (decision 0020), for light and heavier
tiles, suggest, locatie-informatie and a conclusie step, at 1 and at N clients.

    .venv/bin/python bench/regels_bench.py          # once: makes loket_bench_regels
    .venv/bin/python bench/werkers_bench.py [--werkers 4] [--threads 4] [--clients 8] [--verzoeken 200]
        [--tegen gthread|sync]

Both servers run at once on the database of regels_bench.py (the sample BAG/BGT, the sample plan, a
synthetic plan of 105 000 locaties, the sample rules), with the same number of processes and the same
threads per process running the application, keep-alive on both. Every client keeps its connection
while the server allows it, as a browser does (harness.Verbinding). The sides take turns over ≥ 5 pairs;
printed: p50/p95, their spread, the ratio granian/gunicorn and the largest worker's peak memory
(VmHWM). Prints figures; never fails on timing.
"""

import argparse
import os
import random
import subprocess
import sys

if "DATABASE_URL" not in os.environ:
    # Django's settings must point at the bench database before anything imports it: run again so.
    from common import database_url

    os.environ["DATABASE_URL"] = database_url("loket_bench_regels")
    sys.exit(subprocess.run([sys.executable, *sys.argv]).returncode)

from common import ROOT  # noqa: E402,F401  (sets up Django)
from harness import Ronde, Verbinding, Zijde, gelijktijdig, in_beurten, portaal, rapport  # noqa: E402
from verzoek_profiel import verzoeken  # noqa: E402

PADEN = {
    "tegel": "tegel buurten z18",
    "buurten16": "tegel buurten z16",
    "panden16": "tegel panden z16",
    "suggest": "suggest",
    "informatie": "locatie-informatie",
    "conclusie": "conclusie-stap",
}
# Tiles at z16 over the same addresses as the z18 ones: each z16 tile holds 4 × 4 of those.
TEGELS_Z16 = {"buurten16": "buurten", "panden16": "panden"}


def lijst_voor(pad: str, n: int) -> list:
    if pad not in TEGELS_Z16:
        return verzoeken(pad, n, random.Random(400))
    uit = []
    for methode, z18, body in verzoeken("tegel", n, random.Random(400)):
        x, y = z18.removesuffix(".mvt").split("/")[-2:]
        uit.append((methode, f"/tiles/{TEGELS_Z16[pad]}/16/{int(x) >> 2}/{int(y) >> 2}.mvt", body))
    return uit


def client_voor(server):
    """A harness.gelijktijdig client: one connection of its own, kept while the server allows."""

    def maak():
        verbinding = Verbinding(server)

        def client(verzoek):
            methode, pad, body = verzoek
            headers = {"Content-Type": "application/json", "Content-Crs": "EPSG:28992"} if body else {}
            status, inhoud = verbinding.vraag(methode, pad, body, headers)
            assert status in (200, 204), (pad, status, inhoud[:300])

        client.sluit = verbinding.sluit
        return client

    return maak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--werkers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="threads per proces die de applicatie draaien")
    parser.add_argument(
        "--tegen", default="gthread", choices=["gthread", "sync"], help="gunicorns werkersoort"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--verzoeken", type=int, default=200, help="verzoeken per ronde per soort")
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--paden", nargs="+", choices=list(PADEN), default=list(PADEN))
    args = parser.parse_args()
    with (
        portaal(os.environ, args.werkers, threads=args.threads) as granian,
        portaal(os.environ, args.werkers, werkersoort=args.tegen, threads=args.threads) as gunicorn,
    ):
        print(
            f"granian en gunicorn {args.tegen}: elk {args.werkers} werkers × {args.threads} threads",
            flush=True,
        )
        for pad in args.paden:
            lijst = lijst_voor(pad, args.verzoeken)
            for clients in sorted({1, args.clients}):

                def zijde(naam, server, clients=clients, lijst=lijst):
                    return Zijde(
                        naam,
                        lambda: Ronde(gelijktijdig(client_voor(server), lijst, clients), server.piek_mb()),
                    )

                reeksen = in_beurten(
                    [zijde("granian", granian), zijde(f"gunicorn {args.tegen}", gunicorn)], paren=args.paren
                )
                rapport(f"{PADEN[pad]}, {clients} client(s), {len(lijst)} verzoeken per ronde", reeksen)


if __name__ == "__main__":
    main()
