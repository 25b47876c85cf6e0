import csv
from pathlib import Path

import pytest

from taraz.reference import Reference, load_reference


@pytest.fixture(scope="session")
def ref() -> Reference:
    """The packaged code lists only, whatever the developer's own configuration."""
    return load_reference(extra_dirs=[])


@pytest.fixture
def write_csv():
    """Write a small CSV (UTF-8) into a directory: write_csv(dir, name, header, *rows)."""

    def write(directory: Path, name: str, header: list[str], *rows: list[str]) -> Path:
        path = directory / name
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write
