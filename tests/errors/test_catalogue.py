"""The one error catalogue: every code a surface can show is in it, in both languages, and
docs/errors.md is what the catalogue says."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from taraz.errors import Kind, TarazError, catalogue, message
from taraz.errors.catalogue import _INCLUDE, _fields, parse_catalogue
from taraz.errors.markdown import catalogue_markdown
from taraz.fa import FSI, PDI, strip_isolates

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "taraz"
ENTRIES = sorted(catalogue().values(), key=lambda e: e.code)
CODE = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")
ISOLATED = re.compile(f"{FSI}[^{PDI}]*{PDI}")


def test_docs_errors_md_is_generated_from_the_catalogue():
    written = (ROOT / "docs" / "errors.md").read_text("utf-8")
    assert written == catalogue_markdown(), "run: python -m taraz.errors > docs/errors.md"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_an_entry_has_a_dotted_code_and_both_languages_with_the_same_fields(entry):
    assert CODE.match(entry.code)
    assert entry.fa.strip() and entry.en.strip() and entry.fa != entry.en
    assert any("\u0600" <= c <= "\u06ff" for c in entry.fa)
    assert _fields(entry.fa) == _fields(entry.en)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_a_persian_message_has_no_latin_digit_outside_an_isolate(entry):
    fields = {name: 1234 for name in entry.fields()}  # numbers get Persian digits
    text = message(entry.code, "fa", **fields)
    assert not re.search(r"[0-9]", ISOLATED.sub("", text)), text


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_included_pieces_exist_and_are_text(entry):
    for ref in _INCLUDE.findall(entry.fa + entry.en):
        assert catalogue()[ref].kind is Kind.TEXT


def test_kinds_give_exit_codes_and_http_statuses():
    assert (
        TarazError("calendar.bad-half").exit_code,
        TarazError("calendar.bad-half").http_status,
    ) == (
        2,
        400,
    )
    assert (TarazError("warehouse.busy").exit_code, TarazError("warehouse.busy").http_status) == (
        1,
        503,
    )
    assert TarazError("batch.unknown").http_status == 404


def test_an_entry_without_kind_is_refused():
    with pytest.raises(ValueError, match=r"x\.y needs kind"):
        parse_catalogue({"x": {"y": {"fa": "الف", "en": "a"}}})


def test_numbers_get_persian_digits_and_separators_in_persian_only():
    fa = message("datadesk.too-many-files", "fa", n=1200)
    en = message("datadesk.too-many-files", "en", n=1200)
    assert "۱۲۰۰" in fa and "1200" in en
    assert "۱٬۲۰۰" in message("reference.more-problems", "fa", n=1200)
    assert "1,200" in message("reference.more-problems", "en", n=Decimal(1200))


def test_latin_text_in_persian_goes_in_an_isolate_and_commands_keep_their_digits():
    text = message("batch.unknown", "fa", batch_id="B00007")
    assert f"{FSI}B00007{PDI}" in text
    assert f"{FSI}taraz batches{PDI}" in text
    assert "`" not in text


def test_where_names_file_row_column_and_value_in_each_language():
    en = message("reference.missing-value", "en", file="a.csv", row=3, column="code")
    fa = strip_isolates(
        message("reference.missing-value", "fa", file="a.csv", row=3, column="code")
    )
    assert en.startswith("file a.csv, row 3, column 'code': ")
    assert fa.startswith("فایل «a.csv»، ردیف ۳، ستون «code»: ")


def test_a_missing_field_shows_an_ellipsis_instead_of_failing():
    assert "…" in message("batch.unknown", "en")


def test_an_unknown_code_renders_as_an_internal_error():
    exc = TarazError("nowhere.nothing")
    assert exc.http_status == 500 and "nowhere.nothing" in exc.message("en")


def test_to_dict_is_the_one_error_shape():
    d = TarazError("batch.unknown", batch_id="B1").to_dict()
    assert set(d) == {"code", "kind", "message_fa", "message_en", "context"}
    assert d["context"] == {"batch_id": "B1"}


def _raised_codes() -> set[str]:
    """Every code written as a literal where an error is raised or a message is rendered."""
    pattern = re.compile(
        r"""(?:TarazError|UsageError|SourceError|PeriodError|BatchRejected|WarehouseBusyError|"""
        r"""WarehouseMissingError|_bad|message|DataProblem|_problem|status_error)\(\s*"""
        r"""(?:[a-z_]+,\s*)?["']([a-z]+\.[a-z0-9-]+)["']"""
    )
    codes = set()
    for path in SRC.rglob("*.py"):
        codes |= set(pattern.findall(path.read_text("utf-8")))
    return codes


def test_every_code_raised_in_the_source_is_in_the_catalogue():
    found = _raised_codes()
    assert len(found) > 50  # the scan sees the raise sites
    assert sorted(found - set(catalogue())) == []


def test_every_error_code_of_the_catalogue_is_used_somewhere():
    text = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py"))
    text += (SRC / "warehouse" / "schema.sql").read_text("utf-8")
    unused = [
        e.code
        for e in ENTRIES
        if e.kind is not Kind.TEXT and f'"{e.code}"' not in text and f"'{e.code}'" not in text
    ]
    assert unused == []
