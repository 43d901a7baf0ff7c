import argparse
from pathlib import Path

from . import bestanden

p = argparse.ArgumentParser(description="Schrijf de voorbeeldregels (STTR) voor Den Helder.")
p.add_argument("--out", type=Path, required=True)
p.add_argument("--if-missing", action="store_true", help="niets doen als de map al regelbestanden heeft")
args = p.parse_args()
if args.if_missing and any(args.out.glob("*.dmn")):
    raise SystemExit(0)
args.out.mkdir(parents=True, exist_ok=True)
for naam, inhoud in bestanden().items():
    (args.out / naam).write_bytes(inhoud)
print(f"{len(bestanden())} bestanden geschreven naar {args.out}")
