"""Readers survive any input: for any bytes, and for real sample files with bytes changed,
`taraz import --json` prints one status object per batch, no traceback, and the rows add up
(hypothesis; a bounded number of examples so that it runs with the suite)."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taraz.cli.main import cli
from taraz.ingest.layouts import is_known_header
from taraz.ingest.sources import SourceError, header_key, read_source
from taraz.sample import write_canonical_parquet, write_sample

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_FILES = settings(FUZZ, max_examples=40)  # each example imports a real file
STATUSES = {"loaded", "duplicate", "rejected", "held"}
# the starts of each format the readers tell by content, and a UTF-8 byte order mark
PREFIXES = [b"", b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf"]
# bytes that break tables: quotes, NUL, delimiters, line ends, invalid UTF-8, zip and BOM marks
TOKENS = [
    b'"',
    b"\x00",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\xff\xfe",
    b'""',
    b"PK\x03\x04",
]
TOKENS += ["جمع کل".encode(), b"9" * 40, b"-1", b"\xef\xbb\xbf"]
_names = itertools.count()


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """A customs Excel month, a canonical CSV and a canonical Parquet file of the sample."""
    folder = tmp_path_factory.mktemp("samples")
    files = {p.name: p for p in write_sample(folder, scale=0.002)}
    return {
        "xlsx": files["yazd-exports-1404-03.xlsx"].read_bytes(),
        "csv": files["canonical-1404-X.csv"].read_bytes(),
        "parquet": write_canonical_parquet(folder / "c.parquet", 40, seed=3).read_bytes(),
    }


def import_json(tmp_path, data: bytes, suffix: str) -> list[dict]:
    """`taraz import --json` of one file holding `data`: the objects it printed."""
    path = tmp_path / f"f{next(_names)}{suffix}"
    path.write_bytes(data)
    result = CliRunner().invoke(
        cli,
        [
            "--warehouse",
            str(tmp_path / "fuzz.duckdb"),
            "import",
            "--flow",
            "X",
            "--json",
            str(path),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.output.splitlines()]


def assert_one_status_that_adds_up(objects: list[dict]) -> None:
    [report] = objects  # one file: one batch, one object
    assert report["status"] in STATUSES, report
    assert (
        report["rows_loaded"] + report["rows_quarantined"] + report["rows_duplicate"]
        == report["rows_read"]
    )


@FUZZ
@given(st.sampled_from(PREFIXES), st.binary(max_size=2048))
def test_any_bytes_are_a_table_or_a_source_error(tmp_path, prefix, data):
    path = tmp_path / f"f{next(_names)}.csv"
    path.write_bytes(prefix + data)
    try:
        table = read_source(path, is_known_header)
    except SourceError as exc:
        assert exc.code.startswith("source.")
    else:
        assert is_known_header([header_key(h) for h in table.headers])


@FUZZ
@given(st.sampled_from(PREFIXES), st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_imported_give_one_status_object(tmp_path, prefix, data, suffix):
    assert_one_status_that_adds_up(import_json(tmp_path, prefix + data, suffix))


def mutations():
    """Up to four changes to a file: overwrite, insert or delete bytes, or cut it short."""
    where = st.floats(0, 1, allow_nan=False)
    what = st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8)
    change = st.tuples(st.sampled_from(["overwrite", "insert", "delete", "cut"]), where, what)
    return st.lists(change, min_size=1, max_size=4)


def mutate(data: bytes, changes) -> bytes:
    out = bytearray(data)
    for kind, where, what in changes:
        at = min(int(where * len(out)), len(out))
        if kind == "overwrite":
            out[at : at + len(what)] = what
        elif kind == "insert":
            out[at:at] = what
        elif kind == "delete":
            del out[at : at + len(what) * 8]
        else:
            del out[at:]
    return bytes(out)


@FUZZ_FILES
@given(mutations())
def test_a_changed_customs_workbook_gives_one_status_object(tmp_path, samples, changes):
    assert_one_status_that_adds_up(import_json(tmp_path, mutate(samples["xlsx"], changes), ".xlsx"))


@FUZZ_FILES
@given(mutations())
def test_a_changed_canonical_csv_gives_one_status_object(tmp_path, samples, changes):
    assert_one_status_that_adds_up(import_json(tmp_path, mutate(samples["csv"], changes), ".csv"))


@FUZZ_FILES
@given(mutations())
def test_a_changed_parquet_file_gives_one_status_object(tmp_path, samples, changes):
    data = mutate(samples["parquet"], changes)
    assert_one_status_that_adds_up(import_json(tmp_path, data, ".parquet"))
