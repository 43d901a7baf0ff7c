"""python -m dev.sample.bgt_bag --out data/bgt_bag_samples [--seed 400] [--scale 1] [--stand 2026-11-01]"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .generator import expected_files, generate


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dev.sample.bgt_bag",
        description="Write a synthetic Den Helder sample: LV BAG 2.0 extract, BGT CityGML and CBS GeoJSON.",
    )
    parser.add_argument("--out", required=True, type=Path, help="output directory (created if missing)")
    parser.add_argument("--seed", type=int, default=400, help="random seed (default 400)")
    parser.add_argument("--scale", type=int, default=1, help="multiply the number of objects (default 1)")
    parser.add_argument(
        "--stand",
        type=date.fromisoformat,
        default=date(2026, 11, 1),
        help="stand date of the extract, YYYY-MM-DD (default 2026-11-01)",
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the output files for this stand date already exist",
    )
    args = parser.parse_args(argv)
    if args.if_missing and all((args.out / name).exists() for name in expected_files(args.stand)):
        print(f"Voorbeeldlevering staat al in {args.out}; niets gedaan (zonder --if-missing opnieuw maken).")
        return 0
    try:
        counts = generate(args.out, seed=args.seed, scale=args.scale, stand=args.stand)
    except ValueError as exc:
        parser.error(str(exc))
    width = max(len(k) for k in counts)
    print(
        f"Synthetic Den Helder sample in {args.out} "
        f"(seed {args.seed}, scale {args.scale}, stand {args.stand})"
    )
    for key, value in counts.items():
        print(f"  {key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
