"""Hand-written figures in the shape of `taraz.stats.bulletin_figures` (schema
taraz.bulletin-figures/1), with round numbers chosen by hand, so the bulletin can be checked
word for word without a warehouse. Short lists: five sectors, six destinations, a few products.
"""

from __future__ import annotations

import copy
from typing import Any


def _item(
    code, fa, en, value, weight, share, last_value, growth, growth_w=None, lines=10, last_share=None
):
    return {
        "code": code,
        "name_fa": fa,
        "name_en": en,
        "value_usd": value,
        "weight_t": weight,
        "lines": lines,
        "share_pct": share,
        "last_year_value_usd": last_value,
        "last_year_weight_t": "0.000000",
        "last_year_share_pct": last_share,
        "growth_value_pct": growth,
        "growth_weight_pct": growth_w,
    }


def _ranked(items):
    return [{"rank": r, **i} for r, i in enumerate(items, start=1)]


def _province(code, fa, en):
    return {"code": code, "name_fa": fa, "name_en": en}


def _amounts(value, weight, lines):
    return {"value_usd": value, "weight_t": weight, "lines": lines}


def _period(label, fa, en, start, end):
    return {
        "label": label,
        "label_fa": fa,
        "label_en": en,
        "calendar": "jalali",
        "kind": "half",
        "start": start,
        "end": end,
        "days": 186,
    }


def _month(month, fa, en, start, end, value, weight, last_value, growth, loaded=True):
    return {
        "month": month,
        "name_fa": fa,
        "name_en": en,
        "start": start,
        "end": end,
        "loaded": loaded,
        "value_usd": value,
        "weight_t": weight,
        "lines": 100,
        "last_year": {
            "month": month.replace("1404", "1403"),
            "name_fa": fa.replace("۱۴۰۴", "۱۴۰۳"),
            "name_en": en.replace("1404", "1403"),
            "start": start,
            "end": end,
            "loaded": True,
            "value_usd": last_value,
            "weight_t": "1000.000000",
            "lines": 90,
        },
        "growth_value_pct": growth,
        "growth_weight_pct": None,
    }


MINING = ("mining", "معدن و صنایع معدنی", "Mining and mineral industries")
INDUSTRY = ("industry", "صنعت", "Industry")
AGRICULTURE = ("agriculture", "کشاورزی و صنایع غذایی", "Agriculture and food")
PETROCHEMICAL = (
    "petrochemical",
    "پتروشیمی و فرآورده‌های پایه نفتی",
    "Petrochemical and oil-based products",
)
TEXTILES = ("textiles", "نساجی، فرش و صنایع دستی", "Textiles, carpets and handicrafts")

EXPORT_SECTORS = [
    _item(*MINING, "192592592.16", "1953798.660000", "48.00", "171857142.96", "12.07", "5.14"),
    _item(*INDUSTRY, "80246913.40", "120000.000000", "20.00", "71000000.00", "13.02", "2.00"),
    _item(*AGRICULTURE, "56172839.38", "50000.000000", "14.00", "50000000.00", "12.35", "-1.00"),
    _item(*PETROCHEMICAL, "44135802.37", "30000.000000", "11.00", "42000000.00", "5.09", "3.00"),
    _item(*TEXTILES, "28086419.69", "7201.840000", "7.00", "23388006.15", "20.09", "4.00"),
]
IMPORT_SECTORS = [
    _item(*INDUSTRY, "202240000.03", "31459.385847", "64.00", "192609523.63", "5.00", "-7.14"),
    _item(*PETROCHEMICAL, "47400000.00", "60000.000000", "15.00", "45000000.00", "5.33"),
    _item(*AGRICULTURE, "37920000.00", "30000.000000", "12.00", "36000000.00", "5.33"),
    _item(*MINING, "18960000.00", "8000.000000", "6.00", "18000000.00", "5.33"),
    _item(*TEXTILES, "9480000.04", "540.604153", "3.00", "9342857.04", "1.47"),
]
DESTINATIONS = [
    _item("IQ", "عراق", "Iraq", "72383682.68", "469796.604302", "18.05", "61587389.16", "17.53"),
    _item(
        "AF",
        "افغانستان",
        "Afghanistan",
        "45180000.00",
        "300000.000000",
        "11.26",
        "44000000.00",
        "2.68",
    ),
    _item(
        "AE",
        "امارات متحدهٔ عربی",
        "United Arab Emirates",
        "43453703.60",
        "200000.000000",
        "10.83",
        "40000000.00",
        "8.63",
    ),
    _item("CN", "چین", "China", "39280000.00", "400000.000000", "9.79", "30000000.00", "30.93"),
    _item("IN", "هند", "India", "15929012.31", "90000.000000", "3.97", "16000000.00", "-0.44"),
    _item("TR", "ترکیه", "Turkey", "14364197.50", "80000.000000", "3.58", "15000000.00", "-4.24"),
]
ORIGINS = [
    _item("CN", "چین", "China", "102979353.87", "27145.601609", "32.59", "103567867.58", "-0.57"),
    _item(
        "AE",
        "امارات متحدهٔ عربی",
        "United Arab Emirates",
        "63516000.00",
        "30000.000000",
        "20.10",
        "60000000.00",
        "5.86",
    ),
    _item("TR", "ترکیه", "Turkey", "29704000.00", "20000.000000", "9.40", "28000000.00", "6.09"),
    _item("DE", "آلمان", "Germany", "16432000.00", "2000.000000", "5.20", "16000000.00", "2.70"),
    _item("IN", "هند", "India", "12766400.00", "9000.000000", "4.04", "12000000.00", "6.39"),
]
EXPORT_PRODUCTS = [
    _item(
        "260111",
        "سنگ آهن تغلیظ‌نشده",
        "Iron ores and concentrates; non-agglomerated",
        "30267458.20",
        "462523.339000",
        "7.55",
        "17846331.02",
        "69.60",
    ),
    _item(
        "690721",
        "کاشی و سرامیک",
        "Ceramic flags and tiles",
        "25000000.00",
        "83333.333000",
        "6.23",
        "22000000.00",
        "13.64",
    ),
]
IMPORT_PRODUCTS = [
    _item(
        "851762",
        "دستگاه‌های ارتباطی",
        "Communication apparatus",
        "7292448.47",
        "29.994008",
        "2.31",
        "2206862.32",
        "230.44",
    ),
]
RAW = ("raw", "مواد خام و کالاهای اولیه", "Raw materials")
INTERMEDIATE = ("intermediate", "کالاهای واسطه‌ای", "Intermediate goods")
CONSUMER = ("consumer", "کالاهای مصرفی", "Consumer goods")
CAPITAL = ("capital", "کالاهای سرمایه‌ای", "Capital goods")
MIXED = ("mixed", "چند مرحله (تفکیک‌ناپذیر)", "Several stages (not separable)")
UNALLOCATED = ("unallocated", "طبقه‌بندی‌نشده", "Not allocated")
# By stage of processing, largest first, as taraz.stats gives them; shares by hand: exports
# 61 / 20 / 15 / 2.5 / 1.5 % of 401,234,567.00 against 57 / 24 / 17 / 1 / 1 % of last year's
# 356,996,659.11; imports 55 / 30 / 10 / 4 / 1 % of 316,000,000.07 against 55 / 28 / 12 / 4 / 1 %
# of 300,952,380.67.
# fmt: off
STAGES = {  # last year's shares by hand: of 356,996,659.11 exports and 300,952,380.67 imports
    "exports": [
        _item(*INTERMEDIATE, "244753085.87", "1500000.000000", "61.00", "203488095.69", "20.28", last_share="57.00"),
        _item(*CONSUMER, "80246913.40", "100000.000000", "20.00", "85679198.19", "-6.34", last_share="24.00"),
        _item(*RAW, "60185185.05", "550000.000000", "15.00", "60689432.05", "-0.83", last_share="17.00"),
        _item(*CAPITAL, "10030864.18", "1000.500000", "2.50", "3569966.59", "180.98", last_share="1.00"),
        _item(*MIXED, "6018518.50", "10000.000000", "1.50", "3569966.59", "68.59", last_share="1.00"),
    ],
    "imports": [
        _item(*INTERMEDIATE, "173800000.04", "90000.000000", "55.00", "165523809.37", "5.00", last_share="55.00"),
        _item(*CAPITAL, "94800000.02", "9999.990000", "30.00", "84266666.59", "12.50", last_share="28.00"),
        _item(*CONSUMER, "31600000.01", "10000.000000", "10.00", "36114285.68", "-12.50", last_share="12.00"),
        _item(*RAW, "12640000.00", "19000.000000", "4.00", "12038095.23", "5.00", last_share="4.00"),
        _item(*UNALLOCATED, "3160000.00", "1000.000000", "1.00", "3009523.80", "5.00", last_share="1.00"),
    ],
}
# fmt: on
TRADER_SIZES = {
    "exports": [
        _item(
            "large",
            "بنگاه‌های بزرگ",
            "Large enterprises",
            "270323234.90",
            "1500881.091566",
            "67.37",
            "228361677.16",
            "18.38",
        ),
        _item(
            "sme",
            "بنگاه‌های کوچک و متوسط",
            "Small and medium enterprises",
            "130911332.10",
            "660119.408434",
            "32.63",
            "129883471.95",
            "0.79",
        ),
    ],
    "imports": [
        _item(
            "large",
            "بنگاه‌های بزرگ",
            "Large enterprises",
            "198099014.71",
            "74912.800000",
            "62.69",
            "183793610.80",
            "7.78",
        ),
        _item(
            "sme",
            "بنگاه‌های کوچک و متوسط",
            "Small and medium enterprises",
            "117900985.36",
            "55087.194847",
            "37.31",
            "117158769.87",
            "0.63",
        ),
    ],
}
OFFICES = {
    "exports": [
        _item(
            "IR21-YAZD",
            "گمرک استان یزد",
            "Yazd Province Customs",
            "277442306.29",
            "1459517.802238",
            "69.15",
            "236654112.66",
            "17.24",
        ),
        _item(
            "IR22-SHR",
            "گمرک شهید رجایی",
            "Shahid Rajaee Customs",
            "43140589.32",
            "199038.488870",
            "10.75",
            "40000000.00",
            "7.85",
        ),
    ],
    "imports": [
        _item(
            "IR21-YAZD",
            "گمرک استان یزد",
            "Yazd Province Customs",
            "209653096.52",
            "88959.739955",
            "66.35",
            "201104408.78",
            "4.25",
        ),
    ],
}
SECTIONS = {
    "exports": [
        _item(
            "V",
            "محصولات معدنی",
            "Mineral products",
            "99279699.89",
            "1725449.555000",
            "24.74",
            "98384546.83",
            "0.91",
        )
    ],
    "imports": [
        _item(
            "XVI",
            "ماشین‌آلات",
            "Machinery",
            "130815011.80",
            "6712.513100",
            "41.40",
            "112924231.32",
            "15.84",
        )
    ],
}
CHAPTERS = {
    "exports": [
        _item(
            "26",
            "سنگ فلز، سرباره و خاکستر",
            "Ores, slag and ash",
            "51706931.16",
            "678647.833000",
            "12.89",
            "41081593.84",
            "25.86",
        )
    ],
    "imports": [
        _item(
            "84",
            "ماشین‌آلات",
            "Machinery",
            "91870755.73",
            "4838.506330",
            "29.07",
            "85528225.78",
            "7.42",
        )
    ],
}
HEADINGS = {
    "exports": [
        _item(
            "2601",
            "سنگ آهن",
            "Iron ores",
            "45850320.66",
            "650448.264000",
            "11.43",
            "31559174.59",
            "45.28",
        )
    ],
    "imports": [
        _item(
            "8517",
            "تلفن",
            "Telephone sets",
            "24481715.79",
            "95.585770",
            "7.75",
            "11146848.05",
            "119.63",
        )
    ],
}

MONTHS = [
    ("1404-01", "فروردین ۱۴۰۴", "Farvardin 1404", "2025-03-21", "2025-04-20"),
    ("1404-02", "اردیبهشت ۱۴۰۴", "Ordibehesht 1404", "2025-04-21", "2025-05-21"),
    ("1404-03", "خرداد ۱۴۰۴", "Khordad 1404", "2025-05-22", "2025-06-21"),
    ("1404-04", "تیر ۱۴۰۴", "Tir 1404", "2025-06-22", "2025-07-22"),
    ("1404-05", "مرداد ۱۴۰۴", "Mordad 1404", "2025-07-23", "2025-08-22"),
    ("1404-06", "شهریور ۱۴۰۴", "Shahrivar 1404", "2025-08-23", "2025-09-22"),
]
EXPORT_MONTHS = [
    ("60000000.00", "58000000.00", "3.45"),
    ("65000000.00", "60000000.00", "8.33"),
    ("70000000.00", "62000000.00", "12.90"),
    ("68000000.00", "59000000.00", "15.25"),
    ("69000000.00", "60000000.00", "15.00"),
    ("69234567.00", "59245149.11", "16.86"),
]
IMPORT_MONTHS = [
    ("50000000.00", "48000000.00", "4.17"),
    ("52000000.00", "50000000.00", "4.00"),
    ("54000000.00", "51000000.00", "5.88"),
    ("53000000.00", "50952380.67", "4.02"),
    ("53500000.00", "51000000.00", "4.90"),
    ("53500000.07", "50000000.00", "7.00"),
]


def _coverage_flow(first, last, last_year_first, last_year_last):
    return {
        "period": {
            "label": "1404-H1",
            "start": "2025-03-21",
            "end": "2025-09-22",
            "complete": True,
            "months_missing": [],
            "lines_date_min": first,
            "lines_date_max": last,
        },
        "last_year": {
            "label": "1403-H1",
            "start": "2024-03-20",
            "end": "2024-09-21",
            "complete": True,
            "months_missing": [],
            "lines_date_min": last_year_first,
            "lines_date_max": last_year_last,
        },
        "growth_available": True,
        "provinces_loaded": 1,
    }


def _batch(batch_id, files, date_min, date_max, lines, value, findings=(), quarantined=0):
    return {
        "batch_id": batch_id,
        "source": "customs",
        "layout": "customs",
        "loaded_at": "2025-10-05T09:30:00+00:00",
        "period_label": None,
        "date_min": date_min,
        "date_max": date_max,
        "hs_digits_min": 8,
        "rows_read": lines + quarantined,
        "rows_loaded": lines,
        "rows_quarantined": quarantined,
        "rows_duplicate": 0,
        "files": files,
        "lines_used": lines,
        "value_usd_used": value,
        "warnings": sum(f["count"] for f in findings),
        "findings": list(findings),
    }


FIGURES: dict[str, Any] = {
    "schema": "taraz.bulletin-figures/1",
    "query": {
        "province": _province("IR-21", "یزد", "Yazd"),
        "period": _period(
            "1404-H1",
            "شش\u200cماهه نخست ۱۴۰۴",
            "H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)",
            "2025-03-21",
            "2025-09-22",
        ),
        "last_year": _period(
            "1403-H1",
            "شش\u200cماهه نخست ۱۴۰۳",
            "H1 1403 (Farvardin-Shahrivar; 20 Mar - 21 Sep 2024)",
            "2024-03-20",
            "2024-09-21",
        ),
        "basis": "origin",
        "as_of": None,
    },
    "units": {
        "value": "USD",
        "weight": "t",
        "percent": "%",
        "unit_value": "USD/t",
        "hhi": "0-10000",
        "numbers": "amounts are strings of exact decimal digits; counts are integers",
    },
    "totals": {
        "exports": {
            "value_usd": "401234567.00",
            "weight_t": "2161000.500000",
            "declarations": 2771,
            "lines": 4552,
            "lines_without_declaration_id": 0,
            "last_year": {
                "value_usd": "356996659.11",
                "weight_t": "2050103.299261",
                "declarations": 2632,
                "lines": 4460,
                "lines_without_declaration_id": 0,
            },
            "growth": {
                "available": True,
                "reason": None,
                "value_pct": "12.40",
                "weight_pct": "5.41",
            },
        },
        "imports": {
            "value_usd": "316000000.07",
            "weight_t": "129999.990000",
            "declarations": 1696,
            "lines": 2804,
            "lines_without_declaration_id": 0,
            "last_year": {
                "value_usd": "300952380.67",
                "weight_t": "133125.000000",
                "declarations": 1631,
                "lines": 2762,
                "lines_without_declaration_id": 0,
            },
            "growth": {
                "available": True,
                "reason": None,
                "value_pct": "5.00",
                "weight_pct": "-2.35",
            },
        },
        "balance": {
            "value_usd": "85234566.93",
            "sign": "surplus",
            "last_year_value_usd": "56044278.44",
            "last_year_sign": "surplus",
        },
        "total_trade": {
            "value_usd": "717234567.07",
            "weight_t": "2291000.490000",
            "last_year_value_usd": "657949039.78",
            "last_year_weight_t": "2183228.299261",
            "growth": {
                "available": True,
                "reason": None,
                "value_pct": "9.01",
                "weight_pct": "4.94",
            },
        },
    },
    "breakdowns": {
        flow: {
            "sector": sectors,
            "stage": STAGES[flow],
            "section": SECTIONS[flow],
            "hs2": CHAPTERS[flow],
            "hs4": HEADINGS[flow],
            "hs6": products,
            "partner": partners,
            "customs_office": OFFICES[flow],
            "trader_size": TRADER_SIZES[flow],
        }
        for flow, sectors, products, partners in (
            ("exports", EXPORT_SECTORS, EXPORT_PRODUCTS, DESTINATIONS),
            ("imports", IMPORT_SECTORS, IMPORT_PRODUCTS, ORIGINS),
        )
    },
    "monthly": {
        "exports": [
            _month(*m, v, "300000.000000", lv, g)
            for m, (v, lv, g) in zip(MONTHS, EXPORT_MONTHS, strict=True)
        ],
        "imports": [
            _month(*m, v, "20000.000000", lv, g)
            for m, (v, lv, g) in zip(MONTHS, IMPORT_MONTHS, strict=True)
        ],
    },
    "top": {
        "n": 10,
        "product_level": "hs6",
        "export_products": _ranked(EXPORT_PRODUCTS),
        "export_destinations": _ranked(DESTINATIONS),
        "export_sectors": _ranked(EXPORT_SECTORS),
        "import_products": _ranked(IMPORT_PRODUCTS),
        "import_origins": _ranked(ORIGINS),
        "import_sectors": _ranked(IMPORT_SECTORS),
    },
    "concentration": {
        "exports": {
            "partners": {
                "hhi": "755.06",
                "last_year_hhi": "724.07",
                "groups": 93,
                "unspecified_share_pct": "0.00",
            },
            "products": {
                "hhi": "232.43",
                "last_year_hhi": "221.46",
                "groups": 320,
                "unspecified_share_pct": "0.00",
                "level": "hs6",
            },
        },
        "imports": {
            "partners": {
                "hhi": "1447.15",
                "last_year_hhi": "1568.37",
                "groups": 45,
                "unspecified_share_pct": "0.00",
            },
            "products": {
                "hhi": "67.31",
                "last_year_hhi": "59.19",
                "groups": 411,
                "unspecified_share_pct": "0.00",
                "level": "hs6",
            },
        },
    },
    "unit_values": {
        "exports": [
            {
                "code": "260111",
                "name_fa": "سنگ آهن تغلیظ‌نشده",
                "name_en": "Iron ores and concentrates; non-agglomerated",
                "value_usd": "30267458.20",
                "weight_t": "462523.339000",
                "usd_per_t": "65.44",
                "last_year_usd_per_t": "66.49",
                "change_pct": "-1.58",
            }
        ],
        "imports": [
            {
                "code": "851762",
                "name_fa": "دستگاه‌های ارتباطی",
                "name_en": "Communication apparatus",
                "value_usd": "7292448.47",
                "weight_t": "29.994008",
                "usd_per_t": "243130.18",
                "last_year_usd_per_t": "305207.03",
                "change_pct": "-20.34",
            }
        ],
    },
    "attribution": {
        "province": _province("IR-21", "یزد", "Yazd"),
        "exports": {
            "origin_basis": _amounts("401234567.00", "2161000.500000", 4552),
            "customs_basis": _amounts("436683878.23", "1877819.995238", 3170),
            "difference_value_usd": "-35449311.23",
            "cleared_at_own_offices": _amounts("277442306.29", "1459517.802238", 2949),
            "own_lines_cleared_elsewhere": [
                {
                    "office_province": _province("IR-22", "هرمزگان", "Hormozgan"),
                    **_amounts("43140589.32", "199038.488870", 521),
                    "share_pct": "10.75",
                },
                {
                    "office_province": _province(None, "نامشخص", "Unspecified"),
                    **_amounts("20000000.00", "1000.000000", 10),
                    "share_pct": "4.98",
                },
                {
                    "office_province": _province("IR-09", "خراسان رضوی", "Razavi Khorasan"),
                    **_amounts("16640234.55", "90000.000000", 200),
                    "share_pct": "4.15",
                },
                {
                    "office_province": _province("IR-06", "خوزستان", "Khuzestan"),
                    **_amounts("14929745.54", "80000.000000", 150),
                    "share_pct": "3.72",
                },
                {
                    "office_province": _province("IR-04", "آذربایجان غربی", "West Azerbaijan"),
                    **_amounts("10782474.42", "50000.000000", 100),
                    "share_pct": "2.69",
                },
            ],
            "other_provinces_cleared_here": [
                {
                    "origin_province": _province("IR-08", "کرمان", "Kerman"),
                    **_amounts("62462219.44", "258519.935000", 60),
                    "share_pct": "14.30",
                },
                {
                    "origin_province": _province("IR-10", "اصفهان", "Isfahan"),
                    **_amounts("28432491.60", "100000.000000", 40),
                    "share_pct": "6.51",
                },
                {
                    "origin_province": _province("IR-23", "تهران", "Tehran"),
                    **_amounts("20022308.65", "50000.000000", 30),
                    "share_pct": "4.59",
                },
                {
                    "origin_province": _province("IR-20", "سمنان", "Semnan"),
                    **_amounts("15576628.35", "40000.000000", 20),
                    "share_pct": "3.57",
                },
            ],
            "cross": [],
        },
        "imports": {
            "origin_basis": _amounts("316000000.07", "129999.990000", 2804),
            "customs_basis": _amounts("289345964.67", "125510.787955", 1963),
            "difference_value_usd": "26654035.40",
            "cleared_at_own_offices": _amounts("209653096.52", "88959.739955", 1838),
            "own_lines_cleared_elsewhere": [
                {
                    "office_province": _province("IR-22", "هرمزگان", "Hormozgan"),
                    **_amounts("64907160.33", "20791.195703", 588),
                    "share_pct": "20.54",
                },
                {
                    "office_province": _province("IR-23", "تهران", "Tehran"),
                    **_amounts("13844312.86", "5000.000000", 120),
                    "share_pct": "4.38",
                },
                {
                    "office_province": _province("IR-01", "گیلان", "Gilan"),
                    **_amounts("7517533.94", "3000.000000", 60),
                    "share_pct": "2.38",
                },
            ],
            "other_provinces_cleared_here": [
                {
                    "origin_province": _province("IR-10", "اصفهان", "Isfahan"),
                    **_amounts("40645818.55", "13649.487000", 46),
                    "share_pct": "14.05",
                },
            ],
            "cross": [],
        },
    },
    "coverage": {
        "as_of": None,
        "basis": "origin",
        "scope": "province",
        "coverage_rule": "origin-province",
        "flows": {
            "exports": _coverage_flow("2025-03-22", "2025-09-22", "2024-03-22", "2024-09-21"),
            "imports": _coverage_flow("2025-03-22", "2025-09-21", "2024-03-24", "2024-09-21"),
        },
        "hs_detail": {
            "min_digits": 8,
            "by_digits": [
                {
                    "digits": 8,
                    "name_fa": "ردیف تعرفه (۸ رقمی)",
                    "name_en": "Tariff line (8 digits)",
                    "lines": 14578,
                    "value_usd": "1375183606.85",
                    "weight_t": "4474228.789261",
                    "share_pct": "100.00",
                }
            ],
        },
        "batches": [
            _batch(
                "B00001",
                ["yazd-exports-1403-h1.xlsx"],
                "2024-03-22",
                "2024-09-21",
                4460,
                "356996659.11",
                quarantined=2,
            ),
            _batch(
                "B00002",
                ["yazd-imports-1403-h1.xlsx"],
                "2024-03-24",
                "2024-09-21",
                2762,
                "300952380.67",
            ),
            _batch(
                "B00003",
                ["yazd-exports-1404-h1.xlsx"],
                "2025-03-22",
                "2025-09-22",
                4552,
                "401234567.00",
                findings=[
                    {
                        "code": "ingest.unit-value-outlier",
                        "count": 3,
                        "message_fa": "ارزش واحد دور از انتظار",
                        "message_en": "unit value far from the usual",
                    }
                ],
                quarantined=1,
            ),
            _batch(
                "B00004",
                ["yazd-imports-1404-h1.xlsx"],
                "2025-03-22",
                "2025-09-21",
                2804,
                "316000000.07",
            ),
        ],
        "warnings_total": 3,
        "rows_quarantined_total": 3,
    },
}


def figures() -> dict[str, Any]:
    """A fresh copy of the fixture figures (tests may change it)."""
    return copy.deepcopy(FIGURES)


def incomplete_figures() -> dict[str, Any]:
    """The fixture with Mordad and Shahrivar 1404 of exports not loaded: no export growth."""
    f = figures()
    missing = [
        {"month": "1404-05", "name_fa": "مرداد ۱۴۰۴", "name_en": "Mordad 1404"},
        {"month": "1404-06", "name_fa": "شهریور ۱۴۰۴", "name_en": "Shahrivar 1404"},
    ]
    flow = f["coverage"]["flows"]["exports"]
    flow["period"].update(complete=False, months_missing=missing)
    flow["growth_available"] = False
    off = {
        "available": False,
        "reason": "incomplete_coverage",
        "value_pct": None,
        "weight_pct": None,
    }
    f["totals"]["exports"]["growth"] = dict(off)
    f["totals"]["total_trade"]["growth"] = dict(off)
    for item in f["breakdowns"]["exports"]["sector"]:
        item["growth_value_pct"] = item["growth_weight_pct"] = None
    return f


def deficit_figures() -> dict[str, Any]:
    """The fixture with a trade deficit of about 30.4 million dollars."""
    f = figures()
    f["totals"]["balance"].update(value_usd="-30400000.00", sign="deficit")
    return f
