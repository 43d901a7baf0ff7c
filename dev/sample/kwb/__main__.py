import argparse
from pathlib import Path

from dev.sample.kwb import schrijf

parser = argparse.ArgumentParser(
    description="Schrijf een voorbeeld-KWB-bestand (CBS-formaat) voor de voorbeeldbuurten."
)
parser.add_argument("--buurten", type=Path, default=Path("data/bgt_bag_samples"))
parser.add_argument("--out", type=Path, default=Path("data/kwb_samples"))
parser.add_argument("--if-missing", action="store_true")
args = parser.parse_args()
pad = schrijf(args.buurten, args.out, if_missing=args.if_missing)
if pad:
    print(f"{pad} geschreven")
