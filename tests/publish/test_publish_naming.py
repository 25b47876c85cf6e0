"""Names of coded items as the documents print them: Persian with the code beside, long names
shortened at a word boundary with an ellipsis at their logical end."""

from __future__ import annotations

import re

from taraz.fa import FSI, PDI, has_persian
from taraz.publish.documents import render_document
from taraz.publish.naming import shorten, with_code
from tests.publish.figures import figures

LATIN = re.compile(r"[A-Za-z0-9]")

TILES_FA = "کاشی و سرامیک کف، دیوار یا بخاری، با ضریب جذب آب حداکثر ۰٫۵ درصد وزنی"
PYRITES = "Iron ores and concentrates; agglomerated (excluding roasted iron pyrites)"


def test_a_name_within_the_limit_is_kept():
    assert shorten("پسته، با پوست", 20) == "پسته، با پوست"


def test_a_long_name_is_cut_at_a_word_boundary_with_an_ellipsis():
    # «ضریب» would be cut: it goes, and with it the «با» it leaves dangling, and the comma
    assert shorten(TILES_FA, 40) == "کاشی و سرامیک کف، دیوار یا بخاری…"


def test_a_word_is_never_cut():
    for limit in range(10, len(PYRITES)):
        kept = shorten(PYRITES, limit).removesuffix("…")
        assert PYRITES.startswith(kept) and PYRITES[len(kept)] in " ;,", limit


def test_no_dangling_conjunction_or_comma_before_the_ellipsis():
    assert shorten("سنگ آهن و کنسانتره‌های آن، کلوخه‌شده", 16) == "سنگ آهن…"


def test_an_opening_bracket_left_open_goes():
    assert shorten(PYRITES, 60) == "Iron ores and concentrates; agglomerated…"


def test_prose_and_charts_write_the_code_beside_the_name_in_persian_digits():
    tiles = {"code": "690721", "name_fa": TILES_FA, "name_en": "Ceramic tiles"}
    assert with_code(tiles, "fa", 40) == "کاشی و سرامیک کف، دیوار یا بخاری… (۶۹۰۷۲۱)"
    assert with_code(tiles, "en") == "Ceramic tiles (690721)"


def test_an_english_name_in_persian_prose_is_isolated():
    item = {"code": "260112", "name_fa": PYRITES, "name_en": PYRITES}
    assert with_code(item, "fa") == f"{FSI}{PYRITES}{PDI} (۲۶۰۱۱۲)"


def test_printed_tables_shorten_long_names_and_give_them_in_full(tmp_path):
    f = figures()
    tiles = f["top"]["export_products"][1]
    tiles["name_fa"] = TILES_FA + "، لعاب‌دار یا بدون لعاب، به هر شکل و اندازه"
    html = render_document(f, "html", "fa")
    assert f'title="{tiles["name_fa"]}"' in html  # the full name as a tooltip
    assert f"<li>۶۹۰۷۲۱: {tiles['name_fa']}</li>" in html  # and as a footnote
    md = render_document(f, "md", "fa")
    assert (
        "| ۲ | 690721 | کاشی و سرامیک کف، دیوار یا بخاری، با ضریب جذب آب حداکثر ۰٫۵ درصد وزنی… |"
        in md
    )


def test_the_json_names_every_product_in_persian(quarters_figures):
    names = [
        i["name_fa"]
        for flow in ("exports", "imports")
        for dim in ("hs2", "hs4", "hs6", "section", "stage", "sector")
        for i in quarters_figures["breakdowns"][flow][dim]
    ]
    assert names and all(has_persian(n) and not LATIN.search(n) for n in names)
