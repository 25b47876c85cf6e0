"""The packaged code lists: what they hold, checked against the sources by hand."""

import re

from taraz.reference.data_files import PACKAGED_DIR, SPECS


def test_there_are_31_provinces(ref):
    assert len(ref.provinces) == 31


def test_ir_21_is_yazd(ref):
    yazd = ref.provinces["IR-21"]
    assert (yazd.name_fa, yazd.name_en) == ("یزد", "Yazd")


def test_every_hs_chapter_has_a_persian_name(ref):
    chapters = [h for h in ref.hs.values() if h.level == 2]
    assert len(chapters) == 96  # 01-97 without the reserved chapter 77
    assert [h.code for h in chapters if not h.description_fa] == []


def test_chapter_names_follow_official_wording(ref):
    assert ref.hs["25"].description_fa == "نمک؛ گوگرد؛ خاک و سنگ؛ مواد گچ، آهک و سیمان"
    assert ref.hs["69"].description_fa == "محصولات سرامیکی"
    assert ref.hs["72"].description_fa == "چدن، آهن و فولاد"


def test_every_section_has_a_persian_name(ref):
    assert len(ref.sections) == 21
    assert all(s.name_fa for s in ref.sections.values())


def test_subheading_690721_sits_under_heading_6907_in_section_xiii(ref):
    tile = ref.hs["690721"]
    assert (tile.level, tile.parent, tile.section) == (6, "6907", "XIII")


def test_the_five_sectors_come_in_report_order(ref):
    assert list(ref.sectors) == ["mining", "industry", "agriculture", "petrochemical", "textiles"]


def test_every_customs_office_is_in_a_known_province(ref):
    assert {o.province for o in ref.customs_offices.values()} <= set(ref.provinces)


def test_all_139_listed_customs_offices_are_there(ref):
    assert len(ref.customs_offices) == 139


def test_customs_office_codes_are_province_digits_and_a_token(ref):
    for code, office in ref.customs_offices.items():
        assert re.fullmatch(r"IR\d\d-[A-Z0-9]+", code)
        assert code[2:4] == office.province[3:]


def test_yazd_customs_office_is_ir21_yazd(ref):
    assert ref.customs_offices["IR21-YAZD"].name_fa == "گمرک استان یزد"


def test_there_are_249_countries(ref):
    assert len(ref.countries) == 249


def test_packaged_files_are_utf8_without_bom():
    for spec in SPECS:
        data = (PACKAGED_DIR / spec.name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), spec.name
        data.decode("utf-8")


def test_notice_names_every_packaged_file():
    notice = (PACKAGED_DIR / "NOTICE").read_text(encoding="utf-8")
    assert [spec.name for spec in SPECS if spec.name not in notice] == []
