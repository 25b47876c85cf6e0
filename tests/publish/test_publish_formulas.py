"""The bulletin workbook writes names and file names as text: a province, product or file
named like a formula stays text in every sheet."""

from __future__ import annotations

import itertools

import pytest

from taraz.publish.documents import render_document
from tests.publish.figures import figures
from tests.spreadsheets import HOSTILE_TEXTS, xlsx_formulas, xlsx_texts

EVIL_FILE = "=cmd|'calc'!A0.csv"


def hostile_figures() -> dict:
    """The hand-written figures with every name replaced by hostile text, and every batch's
    file named like a formula."""
    f = figures()
    texts = itertools.cycle(HOSTILE_TEXTS)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("name_fa", "name_en") and isinstance(value, str):
                    node[key] = next(texts)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(f)
    for batch in f["coverage"]["batches"]:
        batch["files"] = [EVIL_FILE]
        batch["source"] = HOSTILE_TEXTS[0]
    return f


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_bulletin_workbook_has_no_formula(lang):
    data = render_document(hostile_figures(), "xlsx", lang)
    assert xlsx_formulas(data) == []
    texts = xlsx_texts(data)
    assert EVIL_FILE in texts
    assert set(HOSTILE_TEXTS) & texts  # names written alone in their cells, as they are
