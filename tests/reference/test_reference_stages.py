"""The stage of processing of an HS code through the packaged HS 2022 -> BEC rev. 4 concordance,
checked against rows of the source file read by eye."""

from __future__ import annotations

import pytest

from taraz.reference import load_reference


@pytest.mark.parametrize(
    ("code", "stage"),
    [
        ("690721", "intermediate"),  # ceramic tiles: BEC 22, processed industrial supplies
        ("69072100", "intermediate"),  # an 8-digit tariff line has the stage of its first six
        ("251611", "raw"),  # granite, crude: BEC 21
        ("2516", "raw"),  # a heading whose subheadings are all BEC 21
        ("080251", "consumer"),  # pistachios in shell: BEC 112, primary for households
        ("570190", "consumer"),  # carpets: BEC 61, durable consumer goods
        ("847130", "capital"),  # portable computers: BEC 41
        ("010130", "mixed"),  # asses: BEC 111 and 41 (raw and capital), never split by a guess
        ("271012", "mixed"),  # light oils: BEC 32, motor spirit and other fuels not told apart
        ("870323", "unallocated"),  # passenger cars: BEC 51, outside the SNA classes
        ("710820", "unallocated"),  # monetary gold: no BEC category
    ],
)
def test_stage_of_an_hs_code(code, stage):
    assert load_reference().stage_of(code) == stage


def test_a_user_file_can_move_a_subheading_to_another_category(tmp_path):
    (tmp_path / "hs_bec.csv").write_text("hs6,bec\n690721,41\n", encoding="utf-8")
    assert load_reference(tmp_path).stage_of("690721") == "capital"


def test_a_user_row_with_an_unknown_category_is_refused_with_its_place(tmp_path):
    from taraz.reference import ReferenceDataError

    (tmp_path / "hs_bec.csv").write_text("hs6,bec\n690721,99\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(tmp_path)
    assert caught.value.code == "reference.unknown-bec"
    assert "row 2, column 'bec', value '99'" in caught.value.message("en")
