import argparse
from pathlib import Path

from . import bestanden

p = argparse.ArgumentParser(description="Schrijf de voorbeeldregels (STTR) voor Den Helder.")
p.add_argument("--out", type=Path, required=True)
p.add_argument(
    "--if-missing",
    action="store_true",
    help="alleen bestanden schrijven die ontbreken of anders zijn (een oudere map krijgt zo nieuwe regels)",
)
args = p.parse_args()
args.out.mkdir(parents=True, exist_ok=True)
nieuw = {
    naam: inhoud
    for naam, inhoud in bestanden().items()
    if not args.if_missing or not (args.out / naam).exists() or (args.out / naam).read_bytes() != inhoud
}
for naam, inhoud in nieuw.items():
    (args.out / naam).write_bytes(inhoud)
print(f"{len(nieuw)} bestanden geschreven naar {args.out}")
