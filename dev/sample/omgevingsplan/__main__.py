"""python -m dev.sample.omgevingsplan --out data/omgevingsplan_samples [--if-missing]"""

import argparse
import os
from pathlib import Path


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dev.sample.omgevingsplan",
        description="Schrijf het voorbeeld-omgevingsplan van Den Helder als STOP/TPOD-levering.",
    )
    parser.add_argument("--out", required=True, type=Path, help="uitvoermap (wordt gemaakt)")
    parser.add_argument(
        "--sample", type=Path, default=Path("data/bgt_bag_samples"), help="de BAG/BGT-voorbeeldlevering"
    )
    parser.add_argument("--if-missing", action="store_true", help="niets doen als de levering er al staat")
    args = parser.parse_args(argv)
    if args.if_missing and (args.out / "manifest-ow.xml").exists():
        print(f"Voorbeeld-omgevingsplan staat al in {args.out}; niets gedaan.")
        return 0
    if not any(args.sample.glob("BAGGEM0400L-*.zip")):
        parser.error(f"geen BAG-voorbeeld in {args.sample}; maak het eerst met: python -m dev.sample.bgt_bag")
    # The municipality's bounds come from the portal's settings (GEMEENTE_BBOX_RD).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    from dev.sample.omgevingsplan import generate

    counts = generate(args.out, args.sample, settings.GEMEENTE_BBOX_RD)
    print(f"Voorbeeld-omgevingsplan Den Helder in {args.out}")
    for key, value in counts.items():
        print(f"  {key:<16}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
