"""The one unpacking path every importer uses: limits on bytes, members, nesting and ratio, checked
before anything is unpacked; paths that leave the folder or clash; a refusal names the file."""

import json
import os
import subprocess
import sys
import warnings
import zipfile

import pytest

from kern.importing.sources import Limieten, bestanden, naar_map, uitpakpad
from tests.support.bommen import MIB, grote_bom, zip_met
from tests.support.paden import ROOT

KLEIN = Limieten(max_bytes=10_000, max_bestanden=5, max_diepte=2, max_verhouding=20, drempel=1000)


def _lees(pad, limieten=KLEIN):
    """(name, code or None, bytes read) per file of the delivery, reading each as an importer does."""
    uit = []
    for b in bestanden(pad, limieten=limieten):
        if b.fout:
            uit.append((b.naam, b.fout.code, 0))
        else:
            with b.open() as fh:
                uit.append((b.naam, None, len(fh.read())))
    return uit


def test_a_member_that_expands_too_much_is_refused_alone(tmp_path):
    pad = zip_met(tmp_path / "levering.zip", {"goed.xml": b"<a/>" * 100, "bom.xml": bytes(5000)})
    assert _lees(pad) == [
        ("levering.zip!bom.xml", "uitpakken.verhouding", 0),
        ("levering.zip!goed.xml", None, 400),
    ]


def test_small_members_are_not_ratio_checked(tmp_path):
    # An empty layer or a tiny file compresses well too; below the threshold that proves nothing.
    pad = zip_met(tmp_path / "levering.zip", {"leeg.xml": bytes(900)})
    assert _lees(pad) == [("levering.zip!leeg.xml", None, 900)]


def test_a_zip_whose_members_together_expand_too_much_is_refused(tmp_path):
    # Each member stays below the threshold; together they do not.
    pad = zip_met(tmp_path / "veel.zip", {f"{n}.xml": bytes(90_000) for n in range(3)})
    assert _lees(pad, Limieten(10**6, 10, 2, 20, 100_000)) == [("veel.zip", "uitpakken.verhouding", 0)]


def test_total_bytes_are_bounded_before_anything_is_read(tmp_path):
    pad = zip_met(
        tmp_path / "groot.zip", {"a.xml": os.urandom(6000), "b.xml": os.urandom(6000)}, zipfile.ZIP_STORED
    )
    [(naam, code, _)] = _lees(pad)
    assert (naam, code) == ("groot.zip", "uitpakken.te_groot")


def test_member_count_is_bounded(tmp_path):
    pad = zip_met(tmp_path / "tel.zip", {f"{n}.xml": b"x" for n in range(6)})
    assert _lees(pad) == [("tel.zip", "uitpakken.te_veel_bestanden", 0)]


def test_nesting_is_bounded_and_the_rest_still_comes_through(tmp_path):
    diepst = zip_met(tmp_path / "c.zip", {"c.xml": b"c"}).read_bytes()
    midden = zip_met(tmp_path / "b.zip", {"c.zip": diepst, "b.xml": b"b"}).read_bytes()
    pad = zip_met(tmp_path / "a.zip", {"b.zip": midden, "a.xml": b"a"})
    assert _lees(pad) == [
        ("a.zip!a.xml", None, 1),
        ("a.zip!b.zip!b.xml", None, 1),
        ("a.zip!b.zip!c.zip", "uitpakken.te_diep", 0),
    ]


def test_nested_zips_share_one_budget(tmp_path):
    binnen = zip_met(tmp_path / "b.zip", {f"{n}.xml": b"x" for n in range(4)}).read_bytes()
    pad = zip_met(tmp_path / "a.zip", {"b.zip": binnen, "a.xml": b"a"})
    # 2 members outside + 4 inside > 5: the inner zip is refused, what came before it stays.
    assert _lees(pad) == [("a.zip!a.xml", None, 1), ("a.zip!b.zip", "uitpakken.te_veel_bestanden", 0)]


def test_a_broken_zip_is_refused_with_a_code(tmp_path):
    pad = tmp_path / "kapot.zip"
    pad.write_bytes(b"PK\x03\x04 dit is geen zip")
    assert _lees(pad) == [("kapot.zip", "uitpakken.zip_ongeldig", 0)]


def test_a_member_longer_than_its_header_says_never_gets_through(tmp_path):
    pad = zip_met(tmp_path / "lieg.zip", {"x.xml": bytes(50_000)})
    data = bytearray(pad.read_bytes())
    centraal = data.rindex(b"PK\x01\x02")
    data[centraal + 24 : centraal + 28] = (100).to_bytes(4, "little")  # uncompressed size: 100
    pad.write_bytes(bytes(data))
    for bestand in bestanden(pad, limieten=KLEIN):
        with pytest.raises(zipfile.BadZipFile, match="CRC"), bestand.open() as fh:
            assert len(fh.read(200)) <= 100  # zipfile stops at the declared size; the CRC then fails


@pytest.mark.parametrize(
    ("naam", "pad"),
    [
        ("levering.zip!a/plan.gml", "a/plan.gml"),
        ("levering.zip!b/plan.gml", "b/plan.gml"),  # same name, other folder: kept apart
        ("levering.zip!binnen.zip!ow/regeling.xml", "binnen.zip/ow/regeling.xml"),
        ("levering.zip!../../etc/passwd", "etc/passwd"),  # never outside the folder (zip slip)
        ("levering.zip!/abs/pad.xml", "abs/pad.xml"),
        ("levering.zip!..\\..\\win.xml", "win.xml"),
    ],
)
def test_zip_members_keep_their_folder_and_stay_inside(tmp_path, naam, pad):
    assert uitpakpad(tmp_path, naam) == tmp_path / pad


@pytest.mark.parametrize("volgorde", [("a/b", "a/b/c.xml"), ("a/b/c.xml", "a/b"), ("a/x.xml", "a/x.xml")])
def test_clashing_paths_are_refused_and_the_first_stays(tmp_path, volgorde):
    zip_pad = tmp_path / "botsing.zip"
    with zipfile.ZipFile(zip_pad, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a name twice, but writes it
        for naam in volgorde:
            zf.writestr(naam, naam)
    uit = tmp_path / "uit"
    fouten = naar_map(zip_pad, uit)
    # Members are taken in name order, so the shorter path comes first and stays.
    assert [(f.code, f.naam) for f in fouten] == [("uitpakken.pad_botsing", f"botsing.zip!{max(volgorde)}")]
    assert (uit / min(volgorde)).read_text() == min(volgorde)


def test_naar_map_refuses_a_bomb_and_unpacks_the_rest(tmp_path):
    pad = zip_met(tmp_path / "l.zip", {"ow/goed.xml": b"<a/>", "ow/bom.xml": bytes(5000)})
    fouten = naar_map(pad, tmp_path / "uit", KLEIN)
    assert [(f.code, f.naam) for f in fouten] == [("uitpakken.verhouding", "l.zip!ow/bom.xml")]
    assert [p.name for p in (tmp_path / "uit").rglob("*.xml")] == ["goed.xml"]


def test_the_limits_come_from_settings(settings):
    settings.UITPAKKEN_MAX_BYTES = 123
    assert Limieten.uit_settings().max_bytes == 123


_METEN = """
import json, sys, tempfile
from pathlib import Path
import django
django.setup()
from kern.importing.sources import bestanden, naar_map
from toepasbare_regels.importing import importeer_pad

codes = []
for pad in map(Path, sys.argv[1:]):
    codes += [b.fout.code if b.fout else None for b in bestanden(pad)]
    codes += [c for _, c, _ in importeer_pad(pad).fouten]
    with tempfile.TemporaryDirectory() as tmp:
        codes += [f.code for f in naar_map(pad, Path(tmp))]
io = dict(r.split(": ") for r in Path("/proc/self/io").read_text().splitlines())
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked parent across exec.
status = dict(r.split(":", 1) for r in Path("/proc/self/status").read_text().splitlines())
print(json.dumps({"codes": codes, "rss": int(status["VmHWM"].split()[0]) * 1024, "geschreven": int(io["wchar"])}))
"""


def test_a_real_size_bomb_is_refused_within_256_mb(tmp_path):
    """4 MB that unpacks to 4 GB, flat and inside another zip, through the unpacking path, the STTR
    importer and the omgevingsplan unpacking: refused, with at most 256 MB of memory or disk."""
    bom = grote_bom(tmp_path / "bom.zip", 4000, "regels.dmn")
    assert bom.stat().st_size < 5 * MIB
    genest = zip_met(tmp_path / "levering.zip", {"binnen.zip": bom.read_bytes()}, zipfile.ZIP_STORED)
    uit = subprocess.run(
        [sys.executable, "-c", _METEN, str(bom), str(genest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert uit.returncode == 0, uit.stderr[-3000:]
    meting = json.loads(uit.stdout.splitlines()[-1])
    print(f"piek-RSS {meting['rss'] / MIB:.0f} MB, geschreven {meting['geschreven'] / MIB:.1f} MB")
    assert meting["codes"] == ["uitpakken.verhouding"] * 6
    assert meting["rss"] < 256 * MIB, meting
    assert meting["geschreven"] < 256 * MIB, meting
