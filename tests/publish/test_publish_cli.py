"""`taraz report` end to end: the MILLIONS dataset (tests/fixtures/datasets/millions.py, its
figures worked out by hand there) loaded through the real import path, then the bulletin through
the command line.

Yazd exports 2,000,000 USD / 5,050 t in 1404-Q1 against 1,600,000 USD in 1403-Q1 (+25%); imports
1,000,000 USD against 1,250,000 USD (-20%); balance +1,000,000 USD. One Tehran export line is
cleared at Yazd's customs. By stage of processing (HS -> BEC), exports are tiles 690721 (BEC 22,
intermediate) 1,500,000 = 75% against 1,000,000 / 1,600,000 = 62.5% (written 63), and pistachios
080251 (BEC 112, consumer) 500,000 = 25% against 600,000 / 1,600,000 = 37.5% (written 38).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from taraz.calendar import parse_moment as parse_as_of
from taraz.cli.main import cli
from tests.fixtures import MILLIONS, build_warehouse


@pytest.fixture
def warehouse(tmp_path):
    return build_warehouse(tmp_path, MILLIONS)


@pytest.fixture
def run(warehouse):
    def invoke(*args):
        return CliRunner().invoke(cli, ["--warehouse", str(warehouse), "report", *args])

    return invoke


def test_report_prints_the_persian_bulletin(run):
    result = run("--province", "یزد", "--period", "1404-Q1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2] == (
        "در فصل اول (بهار) ۱۴۰۴ ارزش صادرات استان یزد به ۲ میلیون دلار و وزن آن به "
        "۵٫۰۵ هزار تن رسید که نسبت به دوره مشابه سال قبل از نظر ارزش رشد ۲۵ درصدی و از نظر "
        "وزن رشد ۲۴ درصدی نشان می‌دهد. بخش‌های اصلی صادراتی به ترتیب ارزش عبارت بودند از "
        "معدن و صنایع معدنی (۷۵٪) و کشاورزی و صنایع غذایی (۲۵٪). کالاهای واسطه‌ای ۷۵ درصد "
        "صادرات استان یزد بود (۶۳ درصد در دوره مشابه سال قبل) و سهم کالاهای مصرفی از ۳۸ به ۲۵ "
        "درصد رسید. مهم‌ترین مقصدهای صادراتی "
        "عراق (۷۵٪) و امارات متحدهٔ عربی (۲۵٪) بودند. سهم بنگاه‌های کوچک و متوسط از ارزش "
        "صادرات ۷۵٪ بود."
    )


def test_report_states_imports_balance_and_coverage(run):
    text = run("--province", "yazd", "--period", "1404-Q1").output
    assert "ارزش واردات استان یزد در همین دوره به ۱ میلیون دلار" in text
    assert "از نظر ارزش کاهش ۲۰ درصدی" in text
    assert "با مقدار مثبت ۱ میلیون دلار همراه بود" in text
    assert "این گزارش از ۲ دسته داده بارگذاری‌شده در انبار داده" in text
    assert "داده‌های بارگذاری‌شده تا ۱۰ تیر ۱۴۰۴" in text


def test_report_in_english_accepts_the_iso_code(run):
    result = run("--province", "IR-21", "--period", "1404-Q1", "--lang", "en")
    assert "Yazd province exported goods worth 2 million dollars" in result.output
    assert "a surplus of 1 million dollars" in result.output


def test_report_json_is_the_figures(run):
    result = run("--province", "yazd", "--period", "1404-Q1", "--format", "json")
    data = json.loads(result.output)
    assert (
        data["query"]["province"]["code"],
        data["query"]["period"]["label"],
        data["query"]["basis"],
        data["totals"]["exports"]["value_usd"],
        data["totals"]["balance"]["sign"],
        data["coverage"]["flows"]["exports"]["growth_available"],
    ) == ("IR-21", "1404-Q1", "origin", "2000000.00", "surplus", True)
    assert "generated_at" in data


def test_report_on_the_customs_basis_counts_lines_cleared_in_the_province(run):
    result = run(
        "--province", "yazd", "--period", "1404-Q1", "--format", "json", "--basis", "customs"
    )
    data = json.loads(result.output)
    assert (data["query"]["basis"], data["totals"]["exports"]["value_usd"]) == (
        "customs",
        "1800000.00",
    )


def test_report_as_of_before_any_load_has_no_data(run):
    result = run(
        "--province", "yazd", "--period", "1404-Q1", "--as-of", "1404/01/01", "--lang", "en"
    )
    assert result.exit_code == 1
    assert "[stats.nothing-loaded-as-of]" in result.output


def test_report_writes_pdf_to_a_default_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--province", "yazd", "--period", "1404-Q1", "--format", "pdf", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "taraz-IR-21-1404-Q1-en.pdf").read_bytes().startswith(b"%PDF")


def test_report_writes_xlsx_to_the_named_file(run, tmp_path):
    out = tmp_path / "yazd.xlsx"
    result = run("--province", "yazd", "--period", "1404-Q1", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_unknown_province_is_a_usage_error(run):
    result = run("--province", "atlantis", "--period", "1404-Q1")
    assert result.exit_code == 2
    assert "atlantis" in result.output


def test_bad_period_is_a_usage_error(run):
    assert run("--province", "yazd", "--period", "1404-H3").exit_code == 2


def test_missing_warehouse_is_a_data_problem(tmp_path):
    result = CliRunner().invoke(
        cli, ["--warehouse", str(tmp_path / "none.duckdb"), "report", "--period", "1404-Q1"]
    )
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("1404/07/01", "2025-09-23T23:59:59.999999+03:30"),
        ("۱۴۰۴-۰۷-۰۱", "2025-09-23T23:59:59.999999+03:30"),
        ("2025-09-23", "2025-09-23T23:59:59.999999+03:30"),
        ("2025-09-23T10:00:00+00:00", "2025-09-23T10:00:00+00:00"),
    ],
)
def test_as_of_reads_jalali_and_gregorian_days(text, moment):
    assert parse_as_of(text).isoformat() == moment


def test_as_of_refuses_nonsense():
    with pytest.raises(ValueError):
        parse_as_of("yesterday")


def test_group_language_applies_to_the_report(warehouse):
    result = CliRunner().invoke(
        cli,
        [
            "--warehouse",
            str(warehouse),
            "--lang",
            "en",
            "report",
            "--province",
            "yazd",
            "--period",
            "1404-Q1",
        ],
    )
    assert result.output.startswith("Foreign trade of Yazd province")


def test_publish_demo_prints_the_bulletin_and_writes_pdf_and_xlsx(warehouse, tmp_path, capsys):
    from taraz.cli.main import Settings
    from taraz.cli.report import publish_demo

    written = publish_demo(Settings(warehouse, "fa"), tmp_path / "demo")
    assert sorted(p.name for p in written.values()) == [
        "taraz-IR-21-1404-H1-fa.pdf",
        "taraz-IR-21-1404-H1-fa.xlsx",
    ]
    assert "گزارش تجارت خارجی استان یزد — شش‌ماهه نخست ۱۴۰۴" in capsys.readouterr().out


def test_report_format_follows_the_out_suffix(run, tmp_path):
    out = tmp_path / "yazd.md"
    run("--province", "yazd", "--period", "1404-Q1", "--out", str(out))
    assert out.read_text(encoding="utf-8").startswith("# گزارش تجارت خارجی استان یزد")


def test_importing_the_command_loads_no_heavy_library():
    import subprocess
    import sys

    code = "import sys, taraz.cli.report; print(sorted({'matplotlib', 'weasyprint', 'ibis', 'duckdb'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
