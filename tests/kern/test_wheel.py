"""The wheel ships the product only: no sample generators, no example rules, no mock knooppunt."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_no_development_code(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wiel] = tmp_path.glob("omgevingsloket-*.whl")
    namen = zipfile.ZipFile(wiel).namelist()
    pakketten = {naam.split("/")[0] for naam in namen if not naam.split("/")[0].endswith(".dist-info")}
    assert pakketten == {"kern", "kaartlagen", "toepasbare_regels", "loket", "dso_koppeling", "config"}
    ontwikkeling = [n for n in namen if n.startswith("dev/") or "/sample" in n or "mock" in n]
    assert ontwikkeling == []
    # Every product module that imports development code would break in production; the layer
    # contract forbids it, this checks that the wheel really is without it.
    assert not any("voorbeeld/" in n or "load_sample" in n for n in namen)
