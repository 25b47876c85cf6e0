"""The flow type: the code the warehouse stores, the key figures use, the names people read."""

import pytest

from taraz.reference import Flow


def test_the_flows_are_exports_then_imports_by_their_warehouse_codes():
    assert [flow.value for flow in Flow] == ["X", "M"]


def test_a_flow_is_the_plain_code_it_stores():
    assert Flow.EXPORTS == "X" and Flow("M") is Flow.IMPORTS


def test_each_flow_has_a_key_and_a_persian_and_english_name():
    assert [(f.key, f.label("fa"), f.label("en")) for f in Flow] == [
        ("exports", "صادرات", "Exports"),
        ("imports", "واردات", "Imports"),
    ]


@pytest.mark.parametrize(
    ("text", "flow"),
    [
        ("X", Flow.EXPORTS),
        ("x", Flow.EXPORTS),
        ("Exports", Flow.EXPORTS),
        ("export", Flow.EXPORTS),
        ("صادرات", Flow.EXPORTS),
        ("m", Flow.IMPORTS),
        ("IMPORT", Flow.IMPORTS),
        (" واردات ", Flow.IMPORTS),
    ],
)
def test_find_reads_a_code_key_or_name(text, flow):
    assert Flow.find(text) is flow


@pytest.mark.parametrize("text", [None, "", "both", "XM"])
def test_find_answers_none_for_anything_else(text):
    assert Flow.find(text) is None
