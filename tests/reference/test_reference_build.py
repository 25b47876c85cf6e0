"""The packaged CSVs are exactly what scripts/build_reference.py makes from the sources."""

import subprocess
import sys
from pathlib import Path

import pytest

from taraz.reference.data_files import PACKAGED_DIR, SPECS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path("/work/shared/data")


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the shared source data is not on this machine")
def test_packaged_files_are_what_the_build_script_makes(tmp_path):
    script = ROOT / "scripts" / "build_reference.py"
    subprocess.run(
        [sys.executable, str(script), "--source", str(SOURCE), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    changed = [
        s.name
        for s in SPECS
        if (tmp_path / s.name).read_bytes() != (PACKAGED_DIR / s.name).read_bytes()
    ]
    assert changed == []
