"""What brotli costs at `collectstatic`, and what it saves on the wire.

    .venv/bin/python bench/statisch_bench.py [--paren 5] [--productie]

In turns, `manage.py collectstatic --noinput` as `make run` runs it (a second time: STATIC_ROOT already
filled) with .gz and .br (Brotli installed, as pinned; `config.statisch` compresses only files that
changed) against .gz only (the same command with whitenoise told brotli is absent: every file
gzipped again, as before brotli), each into a STATIC_ROOT of its own, with DEBUG off and so the
hashed names production has too; `--productie` runs it with the production settings, as the image
build does. Then the bytes of every
compressed file in the first folder: original, gzip, brotli. Prints figures; never fails.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, Zijde, commando, in_beurten, rapport  # noqa: E402

ZONDER_BROTLI = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); "
    "import whitenoise.compress as c; c.brotli_installed = False; "
    "from django.core.management import execute_from_command_line as e; "
    "e(['manage.py', 'collectstatic', '--noinput', '-v0'])"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--productie", action="store_true", help="config.statisch.Statisch (hashed names)")
    args = parser.parse_args()
    print(f"load average bij de start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    python = str(ROOT / ".venv" / "bin" / "python")
    mappen = {naam: tempfile.mkdtemp(prefix=f"statisch-{naam}-") for naam in ("br", "gz")}

    def omgeving(naam: str) -> dict:
        env = {**os.environ, "STATIC_ROOT": mappen[naam], "DEBUG": "0"}  # as scripts/run.sh sets it
        if args.productie:
            env.update(
                DJANGO_SETTINGS_MODULE="config.settings.production",
                SECRET_KEY="alleen-voor-de-bench-van-collectstatic-xxxxxxxxxx",
                ALLOWED_HOSTS="x",
            )
        return env

    reeksen = in_beurten(
        [
            Zijde(
                "gzip + brotli",
                lambda: commando([python, "manage.py", "collectstatic", "--noinput", "-v0"], omgeving("br")),
            ),
            Zijde("alleen gzip", lambda: commando([python, "-c", ZONDER_BROTLI], omgeving("gz"))),
        ],
        paren=args.paren,
    )
    rapport("collectstatic" + (" (productie)" if args.productie else " (make run)"), reeksen, eenheid="s")
    origineel = gz = br = 0
    for pad in Path(mappen["br"]).rglob("*.br"):
        bron = pad.with_suffix("")
        origineel += bron.stat().st_size
        br += pad.stat().st_size
        gz_pad = bron.with_name(bron.name + ".gz")
        gz += gz_pad.stat().st_size if gz_pad.exists() else bron.stat().st_size
    print(
        f"  gecomprimeerde bestanden: origineel {origineel / 1024:.0f} KiB, gzip {gz / 1024:.0f} KiB, "
        f"brotli {br / 1024:.0f} KiB ({100 * (1 - br / gz):.0f} % kleiner dan gzip)"
    )
    print(f"load average aan het eind: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
