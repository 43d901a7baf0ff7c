"""The committed OpenAPI document (docs/openapi.yaml) is what the code of every API generates."""

import subprocess
import sys

from tests.support.paden import ROOT


def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--file", str(generated), "--validate"],
        cwd=ROOT,
        check=True,
    )
    assert generated.read_text() == (ROOT / "docs" / "openapi.yaml").read_text(), (
        "docs/openapi.yaml is verouderd: draai `manage.py spectacular --file docs/openapi.yaml`"
    )
