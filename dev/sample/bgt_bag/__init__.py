"""Deterministic generator of a synthetic Den Helder sample in the official Dutch exchange formats.

``generate(out_dir, seed=400, scale=1, stand=date(2026, 11, 1))`` writes an LV BAG 2.0 gemeente extract,
a PDOK-style BGT CityGML download and CBS wijken/buurten GeoJSON; see data/bgt_bag_samples/README.md.
"""

from .generator import expected_files, generate

__all__ = ["expected_files", "generate"]
