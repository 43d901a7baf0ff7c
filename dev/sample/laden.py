"""Loading the generated Den Helder sample (data/bgt_bag_samples) in one go, for `make run`."""

from pathlib import Path

from django.conf import settings

from kaartlagen.importing.bag import importeer_bag
from kaartlagen.importing.bgt import importeer_bgt
from kaartlagen.importing.cbs import importeer_buurten
from kern.importing.pipeline import STANDAARD_WERKERS, Resultaat


def laad_sample(map_: Path, *, stream=None) -> list[Resultaat]:
    """BAG first (BGT panden point at it), then BGT, then CBS wijken before buurten.

    Files imported before are recognised by their checksum and not read again, which is what makes a
    second `make run` start in seconds.
    """
    bag = sorted(map_.glob("BAGGEM*.zip"))
    bgt = sorted(map_.glob("bgt_*.zip"))
    cbs = [p for p in (map_ / "cbs_wijken_0400.geojson", map_ / "cbs_buurten_0400.geojson") if p.exists()]
    if not (bag and bgt and cbs):
        raise FileNotFoundError(
            f"De voorbeeldlevering in {map_} is niet compleet (BAGGEM*.zip, bgt_*.zip en de CBS-GeoJSON). "
            f"Maak haar met: python -m dev.sample.bgt_bag --out {map_}"
        )
    w = STANDAARD_WERKERS
    resultaten = [importeer_bag(p, werkers=w, stream=stream) for p in bag]
    resultaten += [importeer_bgt(p, werkers=w, stream=stream) for p in bgt]
    resultaten += [
        importeer_buurten(p, gemeente=settings.GEMEENTE_CBS_CODE, werkers=w, stream=stream) for p in cbs
    ]
    return resultaten
