"""The bulletin statement for the fixture figures, checked word for word in Persian and English,
and what it says when the period is not fully loaded, on a deficit and for the whole country."""

from __future__ import annotations

from taraz.publish.bulletin import render_text, statement
from tests.publish.figures import deficit_figures, figures, incomplete_figures

# fmt: off
FA = (
    "گزارش تجارت خارجی استان یزد — شش‌ماهه نخست ۱۴۰۴\n"
    "\n"
    "در شش‌ماهه نخست ۱۴۰۴ ارزش صادرات استان یزد به حدود ۴۰۱ میلیون دلار و وزن آن به حدود ۲٫۱۶ میلیون تن رسید که نسبت به دوره مشابه سال قبل از نظر ارزش رشد ۱۲ درصدی و از نظر وزن رشد ۵٫۴ درصدی نشان می‌دهد. "
    "بخش‌های اصلی صادراتی به ترتیب ارزش عبارت بودند از معدن و صنایع معدنی (۴۸٪)، صنعت (۲۰٪)، کشاورزی و صنایع غذایی (۱۴٪)، پتروشیمی و فرآورده‌های پایه نفتی (۱۱٪) و نساجی، فرش و صنایع دستی (۷٪). "
    "کالاهای واسطه‌ای ۶۱ درصد صادرات استان یزد بود (۵۷ درصد در دوره مشابه سال قبل) و سهم مواد خام و کالاهای اولیه از ۱۷ به ۱۵ درصد رسید. "
    "مهم‌ترین مقصدهای صادراتی عراق (۱۸٪)، افغانستان (۱۱٪)، امارات متحدهٔ عربی (۱۱٪)، چین (۹٫۸٪) و هند (۴٪) بودند. "
    "سهم بنگاه‌های کوچک و متوسط از ارزش صادرات ۳۳٪ بود.\n"
    "\n"
    "ارزش واردات استان یزد در همین دوره به حدود ۳۱۶ میلیون دلار و وزن آن به حدود ۱۳۰ هزار تن رسید که نسبت به دوره مشابه سال قبل از نظر ارزش رشد ۵ درصدی و از نظر وزن کاهش ۲٫۴ درصدی نشان می‌دهد. "
    "کالاهای واسطه‌ای ۵۵ درصد واردات استان یزد بود (۵۵ درصد در دوره مشابه سال قبل) و سهم کالاهای سرمایه‌ای از ۲۸ به ۳۰ درصد رسید. "
    "عمده واردات از چین (۳۳٪)، امارات متحدهٔ عربی (۲۰٪)، ترکیه (۹٫۴٪)، آلمان (۵٫۲٪) و هند (۴٪) بود.\n"
    "\n"
    "از نظر گمرک ترخیص، حدود ۲۷۷ میلیون دلار از صادرات استان در گمرکات خود استان و بخش دیگری عمدتاً در گمرکات هرمزگان (۱۱٪)، خراسان رضوی (۴٫۲٪) و خوزستان (۳٫۷٪) ترخیص شد؛ از واردات استان نیز حدود ۲۱۰ میلیون دلار در گمرکات استان و بخش دیگری عمدتاً در گمرکات هرمزگان (۲۱٪)، تهران (۴٫۴٪) و گیلان (۲٫۴٪) ترخیص شد. "
    "در مقابل، گمرکات استان صادرات استان‌های کرمان، اصفهان و تهران را نیز ترخیص کردند، چنان‌که صادرات ترخیص‌شده در گمرکات استان به حدود ۴۳۷ میلیون دلار رسید. "
    "این ارقام نشان می‌دهد استان‌های هرمزگان، خراسان رضوی، خوزستان، تهران و گیلان همچنان شریکان تجاری و تدارکاتی کلیدی استان یزد هستند.\n"
    "\n"
    "تراز تجاری استان یزد در این دوره با مقدار مثبت ۸۵٫۲ میلیون دلار همراه بود و حجم کل تجارت خارجی آن به حدود ۷۱۷ میلیون دلار رسید (رشد ۹ درصدی نسبت به دوره مشابه سال قبل).\n"
    "\n"
    "پوشش داده‌ها: این گزارش از ۴ دسته داده بارگذاری‌شده در انبار داده (اظهارنامه‌های ۳ فروردین ۱۴۰۳ تا ۳۱ شهریور ۱۴۰۴) و بر مبنای استان مبدأ کالا (استان تجارت‌کننده) تهیه شده است و داده‌های بارگذاری‌شده تا ۱۳ مهر ۱۴۰۴ را در بر می‌گیرد. "
    "داده‌های صادرات و واردات این دوره و دوره مشابه سال قبل کامل است. "
    "۳ هشدار درستی‌سنجی در این دسته‌ها ثبت شده است (از جمله: ارزش واحد دور از انتظار). "
    "۳ ردیف از فایل‌ها به سبب خطا کنار گذاشته و قرنطینه شد.\n"
)


EN = (
    "Foreign trade of Yazd province — H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)\n"
    "\n"
    "In H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025), Yazd province exported goods worth about 401 million dollars, weighing about 2.16 million tonnes: up 12% in value and up 5.4% in weight on the same period last year. "
    "The main export sectors, by value, were: Mining and mineral industries (48%), Industry (20%), Agriculture and food (14%), Petrochemical and oil-based products (11%) and Textiles, carpets and handicrafts (7%). "
    "Intermediate goods made up 61% of the exports of Yazd province (57% in the same period last year), and the share of raw materials fell from 17% to 15%. "
    "The main destinations were Iraq (18%), Afghanistan (11%), United Arab Emirates (11%), China (9.8%) and India (4%). "
    "Small and medium enterprises made 33% of the export value.\n"
    "\n"
    "Imports into Yazd province in the same period came to about 316 million dollars, weighing about 130 thousand tonnes: up 5% in value and down 2.4% in weight on the same period last year. "
    "Intermediate goods made up 55% of the imports of Yazd province (55% in the same period last year), and the share of capital goods rose from 28% to 30%. "
    "Most imports came from China (33%), United Arab Emirates (20%), Turkey (9.4%), Germany (5.2%) and India (4%).\n"
    "\n"
    "By customs office, about 277 million dollars of the province's exports were cleared at its own offices and much of the rest at the offices of Hormozgan (11%), Razavi Khorasan (4.2%) and Khuzestan (3.7%); of its imports, about 210 million dollars were cleared at its own offices and much of the rest at the offices of Hormozgan (21%), Tehran (4.4%) and Gilan (2.4%). "
    "In turn, the province's offices also cleared exports of Kerman, Isfahan and Tehran, so that exports cleared at its offices came to about 437 million dollars. "
    "Hormozgan, Razavi Khorasan, Khuzestan, Tehran and Gilan thus remain key trade and logistics partners of Yazd province.\n"
    "\n"
    "The trade balance of Yazd province in this period was a surplus of 85.2 million dollars, and its total foreign trade came to about 717 million dollars (up 9% on the same period last year).\n"
    "\n"
    "Data coverage: this report is based on 4 data batches loaded into the warehouse (declarations from 3 Farvardin 1403 (22 March 2024) to 31 Shahrivar 1404 (22 September 2025)), attributed by the province of origin of the goods (the trader's province), and covers the data loaded up to 13 Mehr 1404 (5 October 2025). "
    "Exports and imports are fully loaded for this period and the same period last year. "
    "The batches carry 3 plausibility warnings (among them: unit value far from the usual). "
    "3 rows of the files were set aside in quarantine because of errors.\n"
)
# fmt: on


def test_persian_bulletin_word_for_word():
    assert render_text(figures(), "fa") == FA


def test_english_bulletin_word_for_word():
    assert render_text(figures(), "en") == EN


def test_incomplete_period_says_so_and_prints_no_export_growth():
    text = statement(incomplete_figures(), "fa")
    exports = text["paragraphs"][0]
    assert exports.startswith(
        "در شش‌ماهه نخست ۱۴۰۴ ارزش صادرات استان یزد به حدود ۴۰۱ میلیون دلار و وزن آن به حدود "
        "۲٫۱۶ میلیون تن رسید. رشد آن نسبت به دوره مشابه سال قبل گزارش نمی‌شود، زیرا داده‌های آن "
        "کامل بارگذاری نشده است (بند «پوشش داده‌ها»)."
    )
    assert "رشد ۱۲" not in " ".join(text["paragraphs"])


def test_incomplete_period_names_the_missing_months():
    coverage = statement(incomplete_figures(), "fa")["coverage_paragraphs"][0]
    assert (
        "داده‌های صادرات این دوره برای مرداد ۱۴۰۴ و شهریور ۱۴۰۴ کامل نیست. "
        "از این رو رشد صادرات و کل تجارت نسبت به دوره مشابه سال قبل گزارش نمی‌شود."
    ) in coverage


def test_incomplete_period_in_english():
    coverage = statement(incomplete_figures(), "en")["coverage_paragraphs"][0]
    assert (
        "Exports of this period are not fully loaded for Mordad 1404 and Shahrivar 1404. "
        "No growth on the same period last year is therefore given for exports and total trade."
    ) in coverage


def test_incomplete_period_keeps_import_growth():
    imports = statement(incomplete_figures(), "en")["paragraphs"][1]
    assert "up 5% in value and down 2.4% in weight on the same period last year" in imports


def test_deficit_is_written_negative():
    balance = statement(deficit_figures(), "fa")["paragraphs"][3]
    assert balance.startswith(
        "تراز تجاری استان یزد در این دوره با مقدار منفی ۳۰٫۴ میلیون دلار همراه بود"
    )


def test_deficit_in_english():
    balance = statement(deficit_figures(), "en")["paragraphs"][3]
    assert balance.startswith(
        "The trade balance of Yazd province in this period was a deficit of 30.4 million dollars"
    )


def test_whole_country_has_no_logistics_paragraph():
    f = figures()
    f["query"]["province"] = {"code": None, "name_fa": "کل کشور", "name_en": "Iran (whole country)"}
    text = statement(f, "fa")
    assert text["title"] == "گزارش تجارت خارجی کشور — شش‌ماهه نخست ۱۴۰۴"
    assert not any(p.startswith("از نظر گمرک ترخیص") for p in text["paragraphs"])


def test_empty_period_says_nothing_was_recorded():
    f = figures()
    f["totals"]["exports"]["lines"] = 0
    assert statement(f, "en")["paragraphs"][0] == (
        "No exports of Yazd province were recorded in H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)."
    )


def test_no_batches_says_no_data_is_loaded():
    f = figures()
    f["coverage"]["batches"] = []
    coverage = statement(f, "en")["coverage_paragraphs"][0]
    assert coverage.startswith(
        "Data coverage: no data are loaded in the warehouse for this period or the same period last year"
    )


def test_as_of_is_stated():
    f = figures()
    f["coverage"]["as_of"] = "2025-09-30T23:59:59.999999+03:30"
    coverage = statement(f, "fa")["coverage_paragraphs"][0]
    assert "و وضعیت انبار داده را در ۸ مهر ۱۴۰۴ نشان می‌دهد." in coverage


def test_a_user_template_replaces_the_packaged_one(tmp_path, monkeypatch):
    (tmp_path / "fa").mkdir()
    (tmp_path / "fa" / "title.txt.j2").write_text("بیانیه {{ place }}", encoding="utf-8")
    monkeypatch.setenv("TARAZ_TEMPLATES_DIR", str(tmp_path))
    assert statement(figures(), "fa")["title"] == "بیانیه استان یزد"


def test_no_trade_at_all_prints_no_balance():
    f = figures()
    f["totals"]["exports"]["lines"] = f["totals"]["imports"]["lines"] = 0
    assert not any("trade balance" in p for p in statement(f, "en")["paragraphs"])
