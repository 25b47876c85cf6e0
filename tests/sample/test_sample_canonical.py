"""Benchmark lines: any number, streamed to CSV or Parquet in bounded memory."""

import pyarrow.parquet as pq

from taraz.sample import (
    CANONICAL_COLUMNS,
    CANONICAL_SCHEMA,
    generate_canonical,
    write_canonical_csv,
    write_canonical_parquet,
)
from taraz.sample.canonical import BLOCK


def test_write_canonical_csv_of_n_lines_has_n_plus_1_lines(tmp_path):
    path = write_canonical_csv(tmp_path / "lines.csv", 100_001, seed=3)
    with path.open("rb") as f:
        assert sum(1 for _ in f) == 100_002


def test_canonical_csv_starts_with_the_header_and_has_no_quotes(tmp_path):
    text = write_canonical_csv(tmp_path / "lines.csv", 1_000, seed=3).read_text(encoding="utf-8")
    assert text.startswith(",".join(CANONICAL_COLUMNS) + "\n") and '"' not in text


def test_canonical_csv_writes_dates_iso_and_amounts_plain(tmp_path):
    text = write_canonical_csv(tmp_path / "lines.csv", 10, seed=3).read_text(encoding="utf-8")
    fields = text.split("\n")[1].split(",")
    date, value, weight = fields[3], fields[11], fields[12]
    assert (date[4], date[7], value[-3], weight[-4]) == ("-", "-", ".", ".")


def test_chunk_size_does_not_change_the_file(tmp_path):
    small = write_canonical_csv(tmp_path / "a.csv", 3 * BLOCK + 5, seed=1, chunk=BLOCK)
    large = write_canonical_csv(tmp_path / "b.csv", 3 * BLOCK + 5, seed=1)
    assert small.read_bytes() == large.read_bytes()


def test_generate_canonical_gives_n_unique_declaration_lines():
    table = generate_canonical(BLOCK + 7, seed=2)
    keys = table.group_by(["declaration_id", "line_no"]).aggregate([])
    assert table.num_rows == keys.num_rows == BLOCK + 7


def test_generate_canonical_of_nothing_is_an_empty_canonical_table():
    assert generate_canonical(0).schema == CANONICAL_SCHEMA


def test_canonical_parquet_holds_the_generated_lines(tmp_path):
    path = write_canonical_parquet(tmp_path / "lines.parquet", 5_000, seed=4)
    assert pq.read_table(path).equals(generate_canonical(5_000, seed=4))
