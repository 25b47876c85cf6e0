"""Generate taraz's packaged reference CSVs from the shared source data, once.

    uv run python scripts/build_reference.py [--source /work/shared/data] [--out DIR]

The CSVs it writes (src/taraz/reference/data/) are committed and shipped; the package never
reads the sources. Everything written by hand (Persian chapter and section names, the sector
rules, aliases, the customs offices' codes and English names) lives in this script so that a
rerun gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from taraz.fa import name_key, to_persian_digits

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data")
DEFAULT_OUT = ROOT / "src" / "taraz" / "reference" / "data"
HS_FA = ROOT / "scripts" / "data" / "hs_fa.csv"  # Persian names of headings and subheadings

# --------------------------------------------------------------------------------------------
# HS: Persian names of the 21 sections and 96 chapters (chapter 77 is reserved by the WCO).
# --------------------------------------------------------------------------------------------

SECTIONS_FA = {
    "I": "حیوانات زنده؛ محصولات حیوانی",
    "II": "محصولات گیاهی",
    "III": (
        "چربی‌ها و روغن‌های حیوانی، گیاهی یا میکروبی و فرآورده‌های حاصل از تفکیک آنها؛ "
        "چربی‌های خوراکی آماده؛ موم‌های حیوانی یا گیاهی"
    ),
    "IV": (
        "محصولات صنایع غذایی؛ نوشیدنی‌ها، مشروبات الکلی و سرکه؛ توتون و تنباکو "
        "و بدل‌های ساخته‌شدهٔ آن؛ محصولات حاوی نیکوتین"
    ),
    "V": "محصولات معدنی",
    "VI": "محصولات صنایع شیمیایی یا صنایع وابسته به آن",
    "VII": "مواد پلاستیکی و اشیای ساخته‌شده از آن؛ کائوچو و اشیای ساخته‌شده از آن",
    "VIII": (
        "پوست خام، چرم، پوست نرم (خز) و اشیای ساخته‌شده از آنها؛ زین و یراق؛ اشیای سفری، "
        "کیف‌های دستی و محفظه‌های همانند؛ اشیای ساخته‌شده از رودهٔ حیوانات"
    ),
    "IX": (
        "چوب و اشیای چوبی؛ زغال چوب؛ چوب‌پنبه و اشیای ساخته‌شده از چوب‌پنبه؛ "
        "مصنوعات حصیربافی و سبدبافی"
    ),
    "X": (
        "خمیر چوب یا سایر مواد الیافی سلولزی؛ کاغذ یا مقوای بازیافتی (آخال و ضایعات)؛ "
        "کاغذ و مقوا و اشیای ساخته‌شده از آنها"
    ),
    "XI": "مواد نسجی و اشیای ساخته‌شده از این مواد",
    "XII": (
        "کفش، کلاه، چتر، چتر آفتابی، عصا، عصا-صندلی، شلاق، تازیانه و اجزای آنها؛ "
        "پرهای آماده و اشیای ساخته‌شده از آنها؛ گل‌های مصنوعی؛ اشیای ساخته‌شده از موی انسان"
    ),
    "XIII": (
        "اشیای ساخته‌شده از سنگ، گچ، سیمان، پنبهٔ نسوز، میکا یا مواد همانند؛ "
        "محصولات سرامیکی؛ شیشه و اشیای شیشه‌ای"
    ),
    "XIV": (
        "مروارید طبیعی یا پرورشی، سنگ‌های گران‌بها یا نیمه‌گران‌بها، فلزات گران‌بها، "
        "فلزات روکش‌شده با فلزات گران‌بها و اشیای ساخته‌شده از آنها؛ زیورآلات بدلی؛ سکه"
    ),
    "XV": "فلزات معمولی و اشیای ساخته‌شده از آنها",
    "XVI": (
        "ماشین‌آلات و وسایل مکانیکی؛ تجهیزات برقی؛ اجزا و قطعات آنها؛ دستگاه‌های ضبط و "
        "پخش صوت، دستگاه‌های ضبط و پخش تصویر و صدای تلویزیونی و اجزا، قطعات و متفرعات آنها"
    ),
    "XVII": "وسایل نقلیهٔ زمینی، هوایی و آبی و تجهیزات حمل‌ونقل وابسته به آنها",
    "XVIII": (
        "دستگاه‌ها و ابزارهای اپتیکی، عکاسی، سینماتوگرافی، اندازه‌گیری، کنترل، دقیق، "
        "پزشکی یا جراحی؛ ساعت؛ آلات موسیقی؛ اجزا، قطعات و متفرعات آنها"
    ),
    "XIX": "اسلحه و مهمات؛ اجزا، قطعات و متفرعات آنها",
    "XX": "کالاهای ساخته‌شدهٔ گوناگون",
    "XXI": "آثار هنری، اشیای کلکسیونی و عتیقه",
}

CHAPTERS_FA = {
    "01": "حیوانات زنده",
    "02": "گوشت و احشای خوراکی",
    "03": "ماهی و سخت‌پوستان، نرم‌تنان و سایر آبزیان بی‌مهره",
    "04": (
        "شیر و فرآورده‌های لبنی؛ تخم پرندگان؛ عسل طبیعی؛ محصولات خوراکی با منشأ حیوانی "
        "که در جای دیگر گفته نشده"
    ),
    "05": "سایر محصولات با منشأ حیوانی که در جای دیگر گفته نشده",
    "06": "درختان و سایر گیاهان زنده؛ پیاز، ریشه و مانند آنها؛ گل‌های بریده و شاخ و برگ زینتی",
    "07": "سبزی‌ها و برخی ریشه‌ها و غده‌های خوراکی",
    "08": "میوه‌ها و مغزهای خوراکی؛ پوست مرکبات یا خربزه",
    "09": "قهوه، چای، ماته و ادویه",
    "10": "غلات",
    "11": "محصولات صنعت آسیاب؛ مالت؛ نشاسته؛ اینولین؛ گلوتن گندم",
    "12": (
        "دانه‌ها و میوه‌های روغن‌دار؛ دانه‌ها، بذرها و میوه‌های گوناگون؛ گیاهان صنعتی یا "
        "دارویی؛ کاه و علوفه"
    ),
    "13": "لاک؛ صمغ‌ها، رزین‌ها و سایر شیره‌ها و عصاره‌های گیاهی",
    "14": "مواد گیاهی برای حصیربافی؛ سایر محصولات گیاهی که در جای دیگر گفته نشده",
    "15": (
        "چربی‌ها و روغن‌های حیوانی، گیاهی یا میکروبی و فرآورده‌های حاصل از تفکیک آنها؛ "
        "چربی‌های خوراکی آماده؛ موم‌های حیوانی یا گیاهی"
    ),
    "16": "فرآورده‌های گوشت، ماهی، سخت‌پوستان، نرم‌تنان یا سایر آبزیان بی‌مهره یا حشرات",
    "17": "قند، شکر و شیرینی‌های قندی",
    "18": "کاکائو و فرآورده‌های آن",
    "19": "فرآورده‌های غلات، آرد، نشاسته یا شیر؛ انواع نان و شیرینی",
    "20": "فرآورده‌های سبزی‌ها، میوه‌ها، مغزها یا سایر اجزای گیاهان",
    "21": "فرآورده‌های خوراکی گوناگون",
    "22": "نوشیدنی‌ها، مشروبات الکلی و سرکه",
    "23": "پسماندها و ضایعات صنایع غذایی؛ خوراک آمادهٔ دام",
    "24": (
        "توتون و تنباکو و بدل‌های ساخته‌شدهٔ آن؛ محصولات برای استنشاق بدون احتراق؛ "
        "سایر محصولات حاوی نیکوتین"
    ),
    "25": "نمک؛ گوگرد؛ خاک و سنگ؛ مواد گچ، آهک و سیمان",
    "26": "سنگ فلز، سرباره و خاکستر",
    "27": ("سوخت‌های معدنی، روغن‌های معدنی و محصولات حاصل از تقطیر آنها؛ مواد قیری؛ موم‌های معدنی"),
    "28": (
        "محصولات شیمیایی غیرآلی؛ ترکیبات آلی یا غیرآلی فلزات گران‌بها، فلزات خاکی کمیاب، "
        "عناصر پرتوزا یا ایزوتوپ‌ها"
    ),
    "29": "محصولات شیمیایی آلی",
    "30": "محصولات دارویی",
    "31": "کودها",
    "32": (
        "عصاره‌های دباغی یا رنگرزی؛ تانن‌ها و مشتقات آنها؛ رنگینه‌ها، رنگدانه‌ها و سایر "
        "مواد رنگی؛ رنگ‌ها و ورنی‌ها؛ بتونه و سایر ماستیک‌ها؛ مرکب‌ها"
    ),
    "33": "اسانس‌ها و رزینوئیدها؛ فرآورده‌های عطرسازی، آرایشی یا بهداشتی",
    "34": (
        "صابون، مواد آلی فعال سطحی، فرآورده‌های شست‌وشو، روان‌کننده، براق‌کننده یا "
        "پاک‌کننده؛ موم‌های مصنوعی و آماده؛ شمع و اشیای همانند؛ خمیرهای مدل‌سازی؛ "
        "موم‌ها و فرآورده‌های دندان‌پزشکی بر پایهٔ گچ"
    ),
    "35": "مواد آلبومینوئیدی؛ نشاسته‌های اصلاح‌شده؛ چسب‌ها؛ آنزیم‌ها",
    "36": "مواد منفجره؛ محصولات آتش‌بازی؛ کبریت؛ آلیاژهای آتش‌زا؛ برخی فرآورده‌های قابل اشتعال",
    "37": "محصولات عکاسی یا سینماتوگرافی",
    "38": "محصولات گوناگون صنایع شیمیایی",
    "39": "مواد پلاستیکی و اشیای ساخته‌شده از آن",
    "40": "کائوچو و اشیای ساخته‌شده از آن",
    "41": "پوست خام (به‌جز پوست نرم) و چرم",
    "42": (
        "اشیای ساخته‌شده از چرم؛ زین و یراق؛ اشیای سفری، کیف‌های دستی و محفظه‌های همانند؛ "
        "اشیای ساخته‌شده از رودهٔ حیوانات (به‌جز ابریشم رودهٔ کرم ابریشم)"
    ),
    "43": "پوست نرم (خز) و خز مصنوعی؛ اشیای ساخته‌شده از آنها",
    "44": "چوب و اشیای چوبی؛ زغال چوب",
    "45": "چوب‌پنبه و اشیای ساخته‌شده از چوب‌پنبه",
    "46": "مصنوعات از کاه، حلفا یا سایر مواد حصیربافی؛ سبدبافی و حصیربافی",
    "47": "خمیر چوب یا سایر مواد الیافی سلولزی؛ کاغذ یا مقوای بازیافتی (آخال و ضایعات)",
    "48": "کاغذ و مقوا؛ اشیای ساخته‌شده از خمیر کاغذ، کاغذ یا مقوا",
    "49": (
        "کتاب، روزنامه، تصویر و سایر محصولات صنعت چاپ؛ نسخه‌های دست‌نویس، متن‌های ماشین‌شده و نقشه‌ها"
    ),
    "50": "ابریشم",
    "51": "پشم و موی نرم یا زبر حیوان؛ نخ و پارچهٔ تاری‌پودی از موی اسب",
    "52": "پنبه",
    "53": "سایر الیاف نسجی گیاهی؛ نخ کاغذی و پارچهٔ تاری‌پودی از نخ کاغذی",
    "54": "رشته‌های سنتتیک یا مصنوعی؛ نوار و اشکال همانند از مواد نسجی سنتتیک یا مصنوعی",
    "55": "الیاف سنتتیک یا مصنوعی غیرممتد",
    "56": "لایی، نمد و پارچهٔ نبافته؛ نخ‌های ویژه؛ ریسمان، طناب و کابل و اشیای ساخته‌شده از آنها",
    "57": "فرش و سایر کفپوش‌های نسجی",
    "58": "پارچه‌های تاری‌پودی ویژه؛ پارچه‌های تافتینگ؛ تور؛ دیوارکوب؛ نوار و یراق؛ گلدوزی",
    "59": ("پارچه‌های آغشته، اندوده، پوشیده یا لایه‌ای؛ اشیای نسجی از نوع مناسب برای مصارف صنعتی"),
    "60": "پارچه‌های کشباف یا قلاب‌باف",
    "61": "لباس و متفرعات لباس، کشباف یا قلاب‌باف",
    "62": "لباس و متفرعات لباس، غیرکشباف و غیرقلاب‌باف",
    "63": "سایر اشیای نسجی آماده؛ مجموعه‌ها؛ لباس و اشیای نسجی مستعمل؛ کهنه‌پاره",
    "64": "کفش، گتر و اشیای همانند؛ اجزای آنها",
    "65": "کلاه و اجزای آن",
    "66": "چتر، چتر آفتابی، عصا، عصا-صندلی، شلاق، تازیانه و اجزای آنها",
    "67": ("پر و کرک آماده و اشیای ساخته‌شده از آنها؛ گل‌های مصنوعی؛ اشیای ساخته‌شده از موی انسان"),
    "68": "اشیای ساخته‌شده از سنگ، گچ، سیمان، پنبهٔ نسوز، میکا یا مواد همانند",
    "69": "محصولات سرامیکی",
    "70": "شیشه و اشیای شیشه‌ای",
    "71": (
        "مروارید طبیعی یا پرورشی، سنگ‌های گران‌بها یا نیمه‌گران‌بها، فلزات گران‌بها، "
        "فلزات روکش‌شده با فلزات گران‌بها و اشیای ساخته‌شده از آنها؛ زیورآلات بدلی؛ سکه"
    ),
    "72": "چدن، آهن و فولاد",
    "73": "اشیای ساخته‌شده از چدن، آهن یا فولاد",
    "74": "مس و اشیای ساخته‌شده از مس",
    "75": "نیکل و اشیای ساخته‌شده از نیکل",
    "76": "آلومینیوم و اشیای ساخته‌شده از آلومینیوم",
    "78": "سرب و اشیای ساخته‌شده از سرب",
    "79": "روی و اشیای ساخته‌شده از روی",
    "80": "قلع و اشیای ساخته‌شده از قلع",
    "81": "سایر فلزات معمولی؛ سرمت‌ها؛ اشیای ساخته‌شده از آنها",
    "82": "ابزار، افزار، کارد و چاقو، قاشق و چنگال از فلزات معمولی؛ اجزای آنها از فلزات معمولی",
    "83": "اشیای گوناگون از فلزات معمولی",
    "84": "راکتورهای هسته‌ای، دیگ‌های بخار، ماشین‌آلات و وسایل مکانیکی؛ اجزا و قطعات آنها",
    "85": (
        "ماشین‌آلات و تجهیزات برقی و اجزا و قطعات آنها؛ دستگاه‌های ضبط و پخش صوت، "
        "دستگاه‌های ضبط و پخش تصویر و صدای تلویزیونی و اجزا، قطعات و متفرعات آنها"
    ),
    "86": (
        "لوکوموتیو، واگن و سایر وسایل نقلیهٔ ریلی و اجزا و قطعات آنها؛ تجهیزات ثابت خطوط "
        "راه‌آهن و اجزا و قطعات آنها؛ تجهیزات علامت‌دهی مکانیکی (از جمله الکترومکانیکی) "
        "برای کنترل ترافیک"
    ),
    "87": "وسایل نقلیهٔ زمینی غیر از وسایل نقلیهٔ ریلی و اجزا، قطعات و متفرعات آنها",
    "88": "وسایل پرنده، فضاپیماها و اجزا و قطعات آنها",
    "89": "کشتی، قایق و سازه‌های شناور",
    "90": (
        "دستگاه‌ها و ابزارهای اپتیکی، عکاسی، سینماتوگرافی، اندازه‌گیری، کنترل، دقیق، "
        "پزشکی یا جراحی؛ اجزا، قطعات و متفرعات آنها"
    ),
    "91": "ساعت و اجزای آن",
    "92": "آلات موسیقی؛ اجزا، قطعات و متفرعات آنها",
    "93": "اسلحه و مهمات؛ اجزا، قطعات و متفرعات آنها",
    "94": (
        "مبلمان؛ لوازم خواب، تشک، زیرتشکی، کوسن و اشیای پرشدهٔ همانند؛ وسایل روشنایی که "
        "در جای دیگر گفته نشده؛ تابلوها و پلاک‌های نورانی و مانند آنها؛ ساختمان‌های پیش‌ساخته"
    ),
    "95": "اسباب‌بازی، وسایل بازی و لوازم ورزشی؛ اجزا، قطعات و متفرعات آنها",
    "96": "کالاهای ساخته‌شدهٔ گوناگون",
    "97": "آثار هنری، اشیای کلکسیونی و عتیقه",
}

# --------------------------------------------------------------------------------------------
# Sectors and the HS-prefix rules that assign them (longest prefix wins).
# --------------------------------------------------------------------------------------------

SECTORS = [
    ("mining", "معدن و صنایع معدنی", "Mining and mineral industries", 1),
    ("industry", "صنعت", "Industry", 2),
    ("agriculture", "کشاورزی و صنایع غذایی", "Agriculture and food", 3),
    ("petrochemical", "پتروشیمی و فرآورده‌های پایه نفتی", "Petrochemical and oil-based products", 4),
    ("textiles", "نساجی، فرش و صنایع دستی", "Textiles, carpets and handicrafts", 5),
]


def sector_rules(hs_en: dict[str, str]) -> list[tuple[str, str, str]]:
    """(hs_prefix, sector, note) rows; notes quote the HS wording they rest on."""

    def ch(code: str, sector: str, why: str) -> tuple[str, str, str]:
        return (code, sector, f"{hs_en[code]}: {why}")

    rules = [("", "industry", "Default: goods not named by a longer rule are industry.")]
    for n in range(1, 25):
        rules.append(ch(f"{n:02d}", "agriculture", "agriculture and food (chapters 01-24)."))
    rules += [
        ch("25", "mining", "mined or quarried minerals, stone, gypsum, lime and cement."),
        ch(
            "2503",
            "petrochemical",
            "Iran's sulphur is recovered at gas refineries and petrochemical plants, not mined.",
        ),
        ch("26", "mining", "ores and concentrates."),
        ch("27", "petrochemical", "crude oil, gas and oil products, bitumen, mineral waxes."),
        ch("2701", "mining", "coal is mined."),
        ch("2702", "mining", "lignite is mined."),
        ch("2703", "mining", "peat is dug."),
        ch("2704", "mining", "coke is made from mined coal for the steel industry."),
        ch("2716", "industry", "electricity is neither a mineral nor an oil-based product."),
        ch(
            "28",
            "petrochemical",
            "ammonia, caustic soda, acids and industrial gases come from petrochemical plants.",
        ),
        ch("2817", "mining", "zinc oxide is made from zinc ore and concentrate."),
        ch("2818", "mining", "alumina and corundum are mineral-industry products."),
        ch("2820", "mining", "manganese oxides come from manganese ore."),
        ch("2821", "mining", "iron oxides and pigments come from iron ore."),
        ch(
            "29",
            "petrochemical",
            "methanol, glycols, aromatics and olefins come from petrochemical plants.",
        ),
    ]
    for code in ("2936", "2937", "2938", "2939", "2940", "2941"):
        rules.append(ch(code, "industry", "pharmaceutical and fine chemicals, not petrochemicals."))
    rules += [
        ch("3101", "agriculture", "manure and compost are farm products."),
        ch("3102", "petrochemical", "urea and other nitrogen fertilisers are made from ammonia."),
        ch("3104", "mining", "potash is mined."),
        ch("3105", "petrochemical", "compound fertilisers (NPK, DAP) come from ammonia plants."),
        ch("3817", "petrochemical", "linear alkylbenzene comes from petrochemical plants."),
    ]
    for n in range(1, 16):
        code = f"39{n:02d}"
        if code in hs_en:
            why = (
                "plastics waste goes back into polymer production; counted with primary forms."
                if code == "3915"
                else "a polymer in primary forms, made by petrochemical plants."
            )
            rules.append(ch(code, "petrochemical", why))
    rules += [
        ch("4001", "agriculture", "natural rubber is a plantation crop, not a petrochemical."),
        ch("4002", "petrochemical", "synthetic rubber in primary forms (SBR, PBR)."),
        ch("4420", "textiles", "inlaid wood (khatam, moarraq) and wooden ornaments: handicrafts."),
        ch("4601", "textiles", "plaited mats (hasir): handicrafts."),
        ch("4602", "textiles", "basketwork and wickerwork: handicrafts."),
    ]
    for n in range(50, 64):
        why = "carpets." if n == 57 else "textiles (chapters 50-63)."
        rules.append(ch(f"{n}", "textiles", why))
    rules += [
        ch("68", "mining", "worked stone (marble, travertine, granite) and cement articles."),
        ch("69", "mining", "ceramic tiles and sanitary ware: mineral industries."),
        ch(
            "6913",
            "textiles",
            "ceramic ornaments and decorative pottery (e.g. Meybod, Lalejin): handicrafts.",
        ),
        ch("70", "mining", "glass: mineral industries."),
        ch("71", "mining", "precious stones and precious metals (gold, silver)."),
        ch(
            "7113",
            "textiles",
            "jewellery: Iranian handicraft export figures include traditional gold and silver "
            "jewellery and filigree (malileh); override in a user file to count it elsewhere.",
        ),
        ch("7114", "textiles", "gold and silver ware (engraving, filigree): handicrafts."),
        ch("7116", "textiles", "articles of precious stones (e.g. turquoise inlay): handicrafts."),
        ch("7117", "industry", "imitation jewellery is a manufactured good."),
        ch("7118", "industry", "coin is a manufactured good."),
        ch(
            "72",
            "mining",
            "iron and steel (ingots, billets, slabs, bars, sheets): mineral industries.",
        ),
    ]
    # Base metals: unwrought forms, waste, powders, bars, wire, plates and foil are mineral
    # industries, as chapter 72 is; tubes, fittings and articles are industry, as chapter 73 is.
    primary_forms = {
        "74": ["7401", "7402", "7403", "7404", "7405", "7406", "7407", "7408", "7409", "7410"],
        "75": ["7501", "7502", "7503", "7504", "7505", "7506"],
        "76": ["7601", "7602", "7603", "7604", "7605", "7606", "7607"],
        "78": ["7801", "7802", "7804"],
        "79": ["7901", "7902", "7903", "7904", "7905"],
        "80": ["8001", "8002", "8003"],
    }
    for headings in primary_forms.values():
        for code in headings:
            rules.append(ch(code, "mining", "base metal in primary or semi-finished form."))
    rules += [
        ch("81", "mining", "other base metals, mostly unwrought, waste and powders."),
        ch("8306", "textiles", "engraved copper and brass ornaments (ghalamzani): handicrafts."),
        ch("97", "textiles", "miniature painting, works of art and antique carpets: handicrafts."),
    ]
    return rules


# --------------------------------------------------------------------------------------------
# Countries: names from the source, a few display names set to Iranian official usage, and
# aliases as customs files and partners write them.
# --------------------------------------------------------------------------------------------

COUNTRY_NAME_FA = {  # the source's names kept as aliases
    "HK": "هنگ‌کنگ",
    "MO": "ماکائو",
    "US": "ایالات متحدهٔ آمریکا",
    "ZA": "آفریقای جنوبی",
    "CF": "جمهوری آفریقای مرکزی",
}

COUNTRY_ALIASES = {
    "AE": [
        "امارات",
        "امارات متحده عربی",
        "امارات عربی متحده",
        "UAE",
        "U.A.E.",
        "Emirates",
        "The United Arab Emirates",
    ],
    "TR": ["ترکیه (Türkiye)", "Türkiye", "Turkiye", "Republic of Türkiye"],
    "CN": [
        "جمهوری خلق چین",
        "China, People's Republic of",
        "People's Republic of China",
        "PRC",
    ],
    "AF": ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"],
    "IQ": ["جمهوری عراق", "Republic of Iraq"],
    "RU": ["فدراسیون روسیه", "Russian Federation"],
    "KR": ["جمهوری کره", "Korea, Republic of", "Republic of Korea", "Korea"],
    "KP": [
        "Korea, Democratic People's Republic of",
        "Democratic People's Republic of Korea",
    ],
    "IN": ["هندوستان", "Republic of India"],
    "OM": ["سلطنت عمان", "Sultanate of Oman"],
    "GB": [
        "انگلستان",
        "انگلیس",
        "پادشاهی متحده",
        "بریتانیای کبیر",
        "UK",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "US": ["آمریکا", "امریکا", "ایالات متحده", "USA", "U.S.A.", "United States of America"],
    "IR": ["جمهوری اسلامی ایران", "Iran, Islamic Republic of", "Islamic Republic of Iran"],
    "AZ": ["آذربایجان", "Republic of Azerbaijan"],
    "SA": ["عربستان", "Kingdom of Saudi Arabia"],
    "SY": ["Syrian Arab Republic"],
    "VN": ["Viet Nam"],
    "TW": ["Taiwan, Province of China"],
    "HK": ["Hong Kong", "Hong Kong, China"],
    "MO": ["Macao", "Macau"],
    "MD": ["Moldova, Republic of"],
    "LA": ["Lao People's Democratic Republic"],
    "BO": ["Bolivia (Plurinational State of)"],
    "VE": ["Venezuela (Bolivarian Republic of)"],
    "TZ": ["Tanzania, United Republic of"],
    "CZ": ["جمهوری چک", "Czech Republic"],
    "MK": ["مقدونیه", "Macedonia"],
    "SZ": ["Swaziland"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CV": ["Cabo Verde"],
    "MM": ["میانمار", "برمه", "Myanmar", "Burma"],
    "PS": ["فلسطین", "Palestine", "State of Palestine"],
    "CD": [
        "جمهوری دموکراتیک کنگو",
        "Democratic Republic of the Congo",
        "Congo, Democratic Republic of the",
    ],
    "CG": ["جمهوری کنگو", "Republic of the Congo", "Congo"],
    "BA": ["Bosnia and Herzegovina"],
    "AG": ["Antigua and Barbuda"],
    "TT": ["Trinidad and Tobago"],
    "KN": ["Saint Kitts and Nevis"],
    "LC": ["Saint Lucia"],
    "VC": ["Saint Vincent and the Grenadines"],
    "ST": ["Sao Tome and Principe"],
    "BY": ["روسیه سفید", "بلاروس"],
    "KG": ["قرقیزستان", "Kyrgyz Republic"],
    "NL": ["Holland", "Netherlands, The"],
    "ZA": ["افریقای جنوبی"],
    "CF": ["جمهوری افریقای مرکزی"],
}

# --------------------------------------------------------------------------------------------
# Provinces: aliases beyond the source's Persian and English names. «استان X» and
# "X Province" are added for every province.
# --------------------------------------------------------------------------------------------

PROVINCE_ALIASES = {
    "IR-00": ["Central"],
    "IR-01": ["Guilan"],
    "IR-02": ["Mazanderan"],
    "IR-03": ["آذربایجان‌شرقی", "East Azarbaijan", "Azarbayjan-e Sharqi", "Azerbaijan, East"],
    "IR-04": ["آذربایجان‌غربی", "West Azarbaijan", "Azarbayjan-e Gharbi", "Azerbaijan, West"],
    "IR-06": ["Khuzistan"],
    "IR-09": ["خراسان‌رضوی", "Khorasan Razavi", "Khorasan-e Razavi", "Khorasan, Razavi"],
    "IR-10": ["Esfahan"],
    "IR-11": [
        "سیستان‌وبلوچستان",
        "سیستان بلوچستان",
        "Sistan-Baluchestan",
        "Sistan and Baluchistan",
        "Sistan va Baluchestan",
    ],
    "IR-12": ["کردستان ایران", "Kordestan", "Kurdestan"],
    "IR-13": ["Hamedan"],
    "IR-14": [
        "چهار محال و بختیاری",
        "چهارمحال بختیاری",
        "Chaharmahal and Bakhtiari",
        "Chahar Mahaal and Bakhtiari",
        "Chaharmahal va Bakhtiari",
    ],
    "IR-15": ["Luristan"],
    "IR-17": [
        "کهگلویه و بویراحمد",
        "کهگیلویه و بویر احمد",
        "کهگیلویه بویراحمد",
        "Kohgiluyeh and Boyer-Ahmad",
        "Kohgiluyeh and Boyer Ahmad",
        "Kohgiluyeh va Boyer-Ahmad",
        "Kohkiluyeh and Buyer Ahmad",
    ],
    "IR-23": ["Teheran"],
    "IR-24": ["Ardebil"],
    "IR-25": ["Ghom"],
    "IR-26": ["Ghazvin"],
    "IR-28": ["خراسان‌شمالی", "Khorasan North", "Khorasan-e Shomali", "Northern Khorasan"],
    "IR-29": ["خراسان‌جنوبی", "Khorasan South", "Khorasan-e Jonubi", "Southern Khorasan"],
}

# --------------------------------------------------------------------------------------------
# Customs offices: for each office of the listing (by its Persian name), our code token, its
# English name, its city when the listing leaves it empty, and aliases. The code is
# "IR" + the province's two ISO digits + "-" + the token: IR-21's office in Yazd is IR21-YAZD.
# --------------------------------------------------------------------------------------------

# name_fa in the listing: (token, name_en, city_fa if the listing has none, aliases fa, aliases en)
OFFICES: dict[str, tuple[str, str, str, list[str], list[str]]] = {
    "حوزه نظارت گمرکات استان آذربایجان شرقی": (
        "TABRIZ",
        "East Azerbaijan Customs Directorate (Tabriz)",
        "",
        [],
        ["Tabriz"],
    ),
    "گمرک مراغه": ("MARAGHEH", "Maragheh Customs", "", [], ["Maragheh"]),
    "گمرک منطقه آزاد ارس-جلفا": (
        "JOLFA",
        "Aras Free Zone Customs (Jolfa)",
        "",
        ["گمرک ارس", "منطقه آزاد ارس"],
        ["Jolfa", "Aras Free Zone"],
    ),
    "گمرک منطقه آزاد ارس-خداآفرین": (
        "KHODAAFARIN",
        "Aras Free Zone Customs (Khodaafarin)",
        "",
        [],
        ["Khodaafarin"],
    ),
    "گمرک منطقه آزاد ارس- نوردوز": (
        "NORDUZ",
        "Aras Free Zone Customs (Norduz)",
        "",
        [],
        ["Norduz"],
    ),
    "گمرک منطقه ویژه اقتصادی سهلان": (
        "SAHLAN",
        "Sahlan Special Economic Zone Customs",
        "",
        [],
        ["Sahlan"],
    ),
    "حوزه نظارت گمرکات استان آذربایجان غربی": (
        "URMIA",
        "West Azerbaijan Customs Directorate (Urmia)",
        "",
        [],
        ["Urmia", "Orumiyeh"],
    ),
    "گمرک مهاباد": ("MAHABAD", "Mahabad Customs", "", [], ["Mahabad"]),
    "گمرک رازی": ("RAZI", "Razi Customs", "", [], ["Razi"]),
    "گمرک خوی": ("KHOY", "Khoy Customs", "", [], ["Khoy"]),
    "گمرک بازرگان": ("BAZARGAN", "Bazargan Customs", "", [], ["Bazargan"]),
    "گمرک پلدشت": ("POLDASHT", "Poldasht Customs", "", [], ["Poldasht"]),
    "گمرک تمرچین": ("TAMARCHIN", "Tamarchin Customs", "", [], ["Tamarchin"]),
    "گمرک کیله سردشت": (
        "KILEH",
        "Kileh Sardasht Customs",
        "",
        ["کیله", "گمرک سردشت", "سردشت"],
        ["Kileh", "Sardasht"],
    ),
    "گمرک سرو": ("SERO", "Sero Customs", "", [], ["Sero"]),
    "گمرک استان ایلام": ("ILAM", "Ilam Province Customs", "", [], ["Ilam"]),
    "حوزه نظارت گمرکات استان اردبیل": (
        "ARDABIL",
        "Ardabil Customs Directorate",
        "",
        [],
        ["Ardabil"],
    ),
    "گمرک بیله سوار": ("BILESAVAR", "Bileh Savar Customs", "", [], ["Bileh Savar"]),
    "گمرکات استان اصفهان": ("ISFAHAN", "Isfahan Province Customs", "", [], ["Isfahan"]),
    "گمرک کاشان": ("KASHAN", "Kashan Customs", "", [], ["Kashan"]),
    "گمرک استان البرز": ("KARAJ", "Alborz Province Customs (Karaj)", "", [], ["Karaj"]),
    "حوزه نظارت گمرکات استان بوشهر": (
        "BUSHEHR",
        "Bushehr Customs Directorate",
        "",
        [],
        ["Bushehr"],
    ),
    "گمرک منطقه ویژه اقتصادی 2 بوشهر": (
        "BUSHEHR2",
        "Bushehr Special Economic Zone 2 Customs",
        "",
        [],
        [],
    ),
    "گمرک دیر": ("DEYR", "Deyr Customs", "", ["بندر دیر"], ["Deyr", "Bandar Deyr"]),
    "گمرک لاور ساحلی": ("LAVAR", "Lavar-e Saheli Customs", "", [], ["Lavar-e Saheli"]),
    "گمرک کنگان": ("KANGAN", "Kangan Customs", "", ["بندر کنگان"], ["Kangan"]),
    "گمرک دلوار": ("DELVAR", "Delvar Customs", "", [], ["Delvar"]),
    "گمرک بوالخیر": ("BOLKHEYR", "Bolkheyr Customs", "", ["بندر بوالخیر"], ["Bolkheyr"]),
    "گمرک دیلم": ("DEYLAM", "Deylam Customs", "", ["بندر دیلم"], ["Deylam", "Bandar Deylam"]),
    "گمرک گناوه": ("GENAVEH", "Genaveh Customs", "", ["بندر گناوه"], ["Genaveh", "Bandar Genaveh"]),
    "گمرک ریگ": ("RIG", "Bandar Rig Customs", "", ["بندر ریگ"], ["Bandar Rig"]),
    "گمرک خارک": ("KHARG", "Kharg Customs", "", ["جزیره خارک"], ["Kharg"]),
    "گمرک منطقه ویژه اقتصادی انرژی پارس": (
        "PARSENERGY",
        "Pars Special Economic Energy Zone Customs",
        "",
        ["منطقه ویژه انرژی پارس", "گمرک پارس جنوبی"],
        ["Pars Energy Zone", "PSEEZ"],
    ),
    "گمرک عسلویه": ("ASALUYEH", "Asaluyeh Customs", "", [], ["Asaluyeh", "Assaluyeh"]),
    "گمرک نخل تقی": ("NAKHLTAQI", "Nakhl-e Taqi Customs", "", [], ["Nakhl-e Taqi"]),
    "گمرک تهران": ("TEHRAN", "Tehran Customs", "", [], ["Tehran"]),
    "گمرک غرب تهران": ("WESTTEHRAN", "West Tehran Customs", "", [], ["West Tehran"]),
    "گمرک فرودگاه امام خمینی(ره)": (
        "IMAMAIRPORT",
        "Imam Khomeini Airport Customs",
        "",
        [
            "گمرک فرودگاه امام خمینی",
            "فرودگاه امام خمینی",
            "گمرک فرودگاه امام",
            "فرودگاه امام",
            "گمرک فرودگاه بین‌المللی امام خمینی",
        ],
        ["Imam Khomeini Airport", "IKA", "Imam Khomeini International Airport"],
    ),
    "گمرک استان چهارمحال و بختیاری": (
        "SHAHREKORD",
        "Chaharmahal and Bakhtiari Province Customs (Shahrekord)",
        "",
        [],
        ["Shahrekord"],
    ),
    "گمرکات استان خراسان جنوبی": (
        "BIRJAND",
        "South Khorasan Province Customs (Birjand)",
        "",
        [],
        ["Birjand"],
    ),
    "گمرک ماهیرود": ("MAHIRUD", "Mahirud Customs", "", [], ["Mahirud"]),
    "گمرک یزدان": ("YAZDAN", "Yazdan Customs", "", [], ["Yazdan"]),
    "گمرک بازارچه مرزی دوکوهانه": (
        "DOKUHANEH",
        "Dokuhaneh Border Market Customs",
        "",
        [],
        ["Dokuhaneh"],
    ),
    "گمرک بازارچه مرزی گلورده": (
        "GALVARDEH",
        "Galvardeh Border Market Customs",
        "",
        [],
        ["Galvardeh"],
    ),
    "گمرک باجگیران": ("BAJGIRAN", "Bajgiran Customs", "", [], ["Bajgiran"]),
    "گمرک دوغارون": ("DOGHARUN", "Dogharun Customs", "", [], ["Dogharun", "Dogharoun"]),
    "گمرک سرخس": ("SARAKHS", "Sarakhs Customs", "", [], ["Sarakhs"]),
    "گمرک لطف آباد": ("LOTFABAD", "Lotfabad Customs", "", [], ["Lotfabad"]),
    "گمرک شمتیغ خواف": (
        "SHAMTIGH",
        "Shamtigh Khaf Customs",
        "",
        ["شمتیغ", "گمرک خواف", "خواف"],
        ["Shamtigh", "Khaf"],
    ),
    "گمرکات استان خراسان شمالی": (
        "BOJNURD",
        "North Khorasan Province Customs (Bojnurd)",
        "",
        [],
        ["Bojnurd"],
    ),
    "گمرک آبادان": ("ABADAN", "Abadan Customs", "", [], ["Abadan"]),
    "گمرک اروندکنار": ("ARVANDKENAR", "Arvandkenar Customs", "", [], ["Arvandkenar"]),
    "گمرک چوئیبده": ("CHOEBDEH", "Choebdeh Customs", "", [], ["Choebdeh"]),
    "گمرک خرمشهر": ("KHORRAMSHAHR", "Khorramshahr Customs", "", [], ["Khorramshahr"]),
    "گمرک شلمچه": ("SHALAMCHEH", "Shalamcheh Customs", "", [], ["Shalamcheh"]),
    "گمرک منطقه ویژه اقتصادی بندرامام خمینی(ره)": (
        "BANDARIMAM",
        "Bandar Imam Khomeini Special Economic Zone Customs",
        "",
        [
            "گمرک بندر امام خمینی",
            "بندر امام خمینی",
            "گمرک بندر امام",
            "بندر امام",
        ],
        ["Bandar Imam Khomeini", "Bandar Imam"],
    ),
    "گمرک سجافی": ("SAJJAFI", "Sajjafi Customs", "", [], ["Sajjafi"]),
    "گمرک شادگان": ("SHADEGAN", "Shadegan Customs", "", [], ["Shadegan"]),
    "گمرک ماهشهر": ("MAHSHAHR", "Mahshahr Customs", "", ["بندر ماهشهر"], ["Mahshahr"]),
    "گمرک منطقه ویژه اقتصادی پتروشیمی": (
        "PETROCHEM",
        "Petrochemical Special Economic Zone Customs",
        "",
        ["گمرک پتروشیمی ماهشهر"],
        ["Petrochemical Special Economic Zone"],
    ),
    "گمرک چذابه": ("CHAZABEH", "Chazabeh Customs", "", [], ["Chazabeh"]),
    "گمرک استان زنجان": ("ZANJAN", "Zanjan Province Customs", "", [], ["Zanjan"]),
    "گمرک استان سمنان": ("SEMNAN", "Semnan Province Customs", "", [], ["Semnan"]),
    "گمرک ایرانشهر": ("IRANSHAHR", "Iranshahr Customs", "", [], ["Iranshahr"]),
    "گمرک سراوان": ("SARAVAN", "Saravan Customs", "", [], ["Saravan"]),
    "گمرک بازارچه مرزی جالق": ("JALQ", "Jalq Border Market Customs", "", [], ["Jalq"]),
    "گمرک بازارچه مرزی کوهک": ("KUHAK", "Kuhak Border Market Customs", "", [], ["Kuhak"]),
    "گمرک چابهار": ("CHABAHAR", "Chabahar Customs", "", [], ["Chabahar"]),
    "گمرک ریمدان": ("RIMDAN", "Rimdan Customs", "", [], ["Rimdan"]),
    "گمرک پیشین": ("PISHIN", "Pishin Customs", "", [], ["Pishin"]),
    "گمرک بازارچه مرزی پسابندر": (
        "PASABANDAR",
        "Pasabandar Border Market Customs",
        "",
        [],
        ["Pasabandar"],
    ),
    "گمرک کنارک": ("KONARAK", "Konarak Customs", "", [], ["Konarak"]),
    "گمرک میرجاوه": ("MIRJAVEH", "Mirjaveh Customs", "", [], ["Mirjaveh"]),
    "گمرک میلک": ("MILAK", "Milak Customs", "", [], ["Milak"]),
    "گمرک فرودگاه لار": ("LARAIRPORT", "Lar Airport Customs", "", [], ["Lar Airport"]),
    "گمرک منطقه ویژه اقتصادی لامرد": (
        "LAMERD",
        "Lamerd Special Economic Zone Customs",
        "",
        [],
        ["Lamerd"],
    ),
    "گمرک استان قزوین": ("QAZVIN", "Qazvin Province Customs", "", [], ["Qazvin"]),
    "گمرک منطقه ویژه اقتصادی سلفچگان": (
        "SALAFCHEGAN",
        "Salafchegan Special Economic Zone Customs",
        "",
        [],
        ["Salafchegan"],
    ),
    "گمرک باشماق": ("BASHMAQ", "Bashmaq Customs", "", [], ["Bashmaq", "Bashmagh"]),
    "گمرک سیرانبند بانه": (
        "BANEH",
        "Siranband Baneh Customs",
        "",
        ["سیرانبند", "گمرک سیرانبند"],
        ["Baneh", "Siranband"],
    ),
    "گمرک منطقه ویژه اقتصادی بم": ("BAM", "Bam Special Economic Zone Customs", "", [], ["Bam"]),
    "گمرک منطقه ویژه اقتصادی رفسنجان": (
        "RAFSANJAN",
        "Rafsanjan Special Economic Zone Customs",
        "",
        [],
        ["Rafsanjan"],
    ),
    "گمرک منطقه ویژه اقتصادی سیرجان": (
        "SIRJAN",
        "Sirjan Special Economic Zone Customs",
        "",
        [],
        ["Sirjan"],
    ),
    "گمرک شیخ صله": ("SHEIKHSALEH", "Sheikh Saleh Customs", "", [], ["Sheikh Saleh"]),
    "گمرک شوشمی پاوه": (
        "PAVEH",
        "Shoushmi Paveh Customs",
        "",
        ["شوشمی", "گمرک شوشمی"],
        ["Paveh", "Shoushmi"],
    ),
    "گمرک پرویزخان": ("PARVIZKHAN", "Parvizkhan Customs", "", [], ["Parvizkhan"]),
    "گمرک خسروی": ("KHOSRAVI", "Khosravi Customs", "", [], ["Khosravi"]),
    "گمرک سومار": ("SUMAR", "Sumar Customs", "", [], ["Sumar"]),
    "گمرک استان کهگلویه و بویراحمد": (
        "YASUJ",
        "Kohgiluyeh and Boyer-Ahmad Province Customs (Yasuj)",
        "",
        ["گمرک استان کهگیلویه و بویراحمد"],
        ["Yasuj"],
    ),
    "گمرک بندرترکمن": ("BANDARTORKAMAN", "Bandar Torkaman Customs", "", [], ["Bandar Torkaman"]),
    "گمرک منطقه آزاد انزلی": (
        "ANZALI",
        "Anzali Free Zone Customs",
        "",
        ["گمرک بندر انزلی", "بندر انزلی"],
        ["Anzali", "Bandar Anzali", "Anzali Free Zone"],
    ),
    "گمرک آستارا": ("ASTARA", "Astara Customs", "", ["آستارا"], ["Astara"]),
    "گمرک منطقه ویژه اقتصادی بندر آستارا": (
        "ASTARAPORT",
        "Astara Port Special Economic Zone Customs",
        "",
        [],
        ["Astara Port"],
    ),
    "گمرک ریلی آستارا": ("ASTARARAIL", "Astara Rail Customs", "", [], ["Astara Rail"]),
    "حوزه نظارت گمرکات استان گیلان": (
        "RASHT",
        "Gilan Customs Directorate (Rasht)",
        "",
        [],
        ["Rasht"],
    ),
    "گمرک منطقه ویژه اقتصادی لرستان(ازنا)": (
        "AZNA",
        "Lorestan Special Economic Zone Customs (Azna)",
        "",
        ["گمرک منطقه ویژه اقتصادی لرستان", "گمرک ازنا", "ازنا"],
        ["Azna"],
    ),
    "گمرک منطقه ویژه اقتصادی بندر امیرآباد": (
        "AMIRABAD",
        "Amirabad Port Special Economic Zone Customs",
        "",
        ["گمرک امیرآباد", "امیرآباد"],
        ["Amirabad", "Bandar Amirabad"],
    ),
    "گمرک ساری": ("SARI", "Sari Customs", "", ["ساری"], ["Sari"]),
    "گمرک فریدونکنار": ("FEREYDUNKENAR", "Fereydunkenar Customs", "", [], ["Fereydunkenar"]),
    "گمرک آمل": ("AMOL", "Amol Customs", "", [], ["Amol"]),
    "گمرک منطقه ویژه اقتصادی کاوه": (
        "KAVEH",
        "Kaveh Special Economic Zone Customs (Arak)",
        "",
        ["گمرک کاوه"],
        ["Kaveh"],
    ),
    "گمرک منطقه ویژه اقتصادی زرندیه": (
        "ZARANDIEH",
        "Zarandieh Special Economic Zone Customs",
        "",
        [],
        ["Zarandieh"],
    ),
    "گمرک اختصاصی نفت": (
        "SHAZAND",
        "Dedicated Oil Customs (Shazand)",
        "",
        ["گمرک نفت"],
        ["Shazand"],
    ),
    "گمرک شهید باهنر بندرعباس": (
        "SHAHIDBAHONAR",
        "Shahid Bahonar Customs (Bandar Abbas)",
        "",
        ["گمرک شهید باهنر", "شهید باهنر", "بندر شهید باهنر"],
        ["Shahid Bahonar"],
    ),
    "گمرک جاسک": ("JASK", "Jask Customs", "", ["بندر جاسک"], ["Jask"]),
    "گمرک منطقه ویژه اقتصادی کشتی سازی خلیج فارس": (
        "SHIPBUILDING",
        "Persian Gulf Shipbuilding Special Economic Zone Customs",
        "",
        ["گمرک منطقه ویژه اقتصادی کشتی‌سازی خلیج فارس"],
        ["Persian Gulf Shipbuilding Zone"],
    ),
    "گمرک استان همدان": ("HAMADAN", "Hamadan Province Customs", "", [], ["Hamadan"]),
    "گمرک استان یزد": ("YAZD", "Yazd Province Customs", "", [], ["Yazd", "Yazd Customs"]),
    "حوزه نظارت گمرکات استان خراسان رضوی": (
        "MASHHAD",
        "Razavi Khorasan Customs Directorate (Mashhad)",
        "",
        [],
        ["Mashhad"],
    ),
    "حوزه نظارت گمرکات استان خوزستان": (
        "KHUZESTAN",
        "Khuzestan Customs Directorate",
        "",
        [],
        [],
    ),
    "حوزه نظارت گمرکات استان سیستان و بلوچستان": (
        "SISTAN",
        "Sistan and Baluchestan Customs Directorate",
        "",
        [],
        [],
    ),
    "گمرکات استان فارس": ("FARS", "Fars Province Customs", "", [], []),
    "گمرکات استان قم": ("QOM", "Qom Province Customs", "", [], ["Qom"]),
    "حوزه نظارت گمرکات استان کردستان": (
        "SANANDAJ",
        "Kurdistan Customs Directorate (Sanandaj)",
        "",
        [],
        ["Sanandaj"],
    ),
    "گمرکات استان کرمان": ("KERMAN", "Kerman Province Customs", "", [], ["Kerman"]),
    "حوزه نظارت گمرکات استان کرمانشاه": (
        "KERMANSHAH",
        "Kermanshah Customs Directorate",
        "",
        [],
        ["Kermanshah"],
    ),
    "گمرکات استان گلستان": ("GORGAN", "Golestan Province Customs (Gorgan)", "", [], ["Gorgan"]),
    "گمرکات استان لرستان": ("LORESTAN", "Lorestan Province Customs", "", [], []),
    "حوزه نظارت گمرکات استان مازندران": (
        "MAZANDARAN",
        "Mazandaran Customs Directorate",
        "",
        [],
        [],
    ),
    "گمرکات استان مرکزی": ("ARAK", "Markazi Province Customs (Arak)", "", [], ["Arak"]),
    "حوزه نظارت گمرکات استان هرمزگان و گمرک شهیدرجایی": (
        "SHAHIDRAJAEE",
        "Hormozgan Customs Directorate and Shahid Rajaee Customs",
        "",
        [
            "گمرک شهید رجایی",
            "شهید رجایی",
            "گمرک شهید رجائی",
            "شهید رجائی",
            "بندر شهید رجایی",
            "گمرک بندر شهید رجایی",
        ],
        ["Shahid Rajaee", "Shahid Rajaee Port", "Shahid Rajaei"],
    ),
    "گمرک منطقه ویژه اقتصادی معادن و فلزات": (
        "MINESMETALS",
        "Mining and Metals Special Economic Zone Customs",
        "",
        ["گمرک منطقه ویژه اقتصادی صنایع معدنی و فلزی خلیج فارس"],
        ["Persian Gulf Mining and Metals Special Economic Zone"],
    ),
    "گمرک تیاب": ("TIAB", "Tiab Customs", "تیاب", [], ["Tiab"]),
    "گمرک سیریک***": ("SIRIK", "Sirik Customs", "سیریک", [], ["Sirik"]),
    "گمرک کرگان": ("KARGAN", "Kargan Customs", "کرگان", [], ["Kargan"]),
    "گمرک خمیر": ("KHAMIR", "Khamir Customs", "خمیر", ["بندر خمیر"], ["Khamir"]),
    "گمرک ابوموسی": ("ABUMUSA", "Abu Musa Customs", "ابوموسی", [], ["Abu Musa"]),
    "گمرک بندرلنگه": ("BANDARLENGEH", "Bandar Lengeh Customs", "بندرلنگه", [], ["Bandar Lengeh"]),
    "گمرک چارک": ("CHARAK", "Charak Customs", "چارک", [], ["Charak"]),
    "گمرک سیری": ("SIRRI", "Sirri Customs", "سیری", [], ["Sirri"]),
    "گمرک لاوان": ("LAVAN", "Lavan Customs", "لاوان", [], ["Lavan"]),
    "گمرک شیو": ("SHIV", "Shiv Customs", "شیو", [], ["Shiv"]),
    "گمرک کنگ": ("KONG", "Kong Customs", "کنگ", ["بندر کنگ"], ["Kong", "Bandar Kong"]),
    "گمرک قشم": ("QESHM", "Qeshm Customs", "قشم", ["منطقه آزاد قشم"], ["Qeshm"]),
    "گمرک پهل": ("POHL", "Pohl Customs", "پهل", [], ["Pohl"]),
    "گمرک درگهان": ("DARGAHAN", "Dargahan Customs", "درگهان", [], ["Dargahan"]),
    "گمرک لافت": ("LAFT", "Laft Customs", "لافت", [], ["Laft"]),
    "گمرک هرمز": ("HORMOZ", "Hormoz Customs", "هرمز", ["جزیره هرمز"], ["Hormoz"]),
    "گمرک کیش": ("KISH", "Kish Customs", "کیش", ["منطقه آزاد کیش"], ["Kish"]),
}

# Corrections to the listing's Persian: misspellings and footnote marks.
OFFICE_NAME_FIXES = {
    "گمرک سیریک***": "گمرک سیریک",
    "گمرک استان کهگلویه و بویراحمد": "گمرک استان کهگیلویه و بویراحمد",
}
PROVINCE_NAME_FIXES = {"کهگلویه و بویراحمد": "کهگیلویه و بویراحمد"}

# The listing's city is no good as an alias of the office for these (a zone's name, a sea).
NOT_CITY_ALIASES = {
    "منطقه ویژه 2",
    "منطقه ویژه انرژی پارس",
    "خلیج فارس",
    "فرودگاه امام",
    "پتروشیمی",
}

PROVINCIAL = re.compile(r"^(?:حوزه نظارت )?گمرک(?:ات)? استان (.+?)(?: و گمرک .*)?$")


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Value chain: BEC rev. 4 basic categories and the stages of processing they belong to.
# The stages follow UNCTAD/WITS "stages of processing" on BEC: raw materials 111, 21, 31;
# intermediate 121, 22, 322, 42, 53; consumer 112, 122, 522, 61, 62, 63; capital 41, 521.
# BEC itself leaves 321 (motor spirit), 51 (passenger motor cars) and 7 (not elsewhere
# specified) outside the SNA classes: they stay "unallocated" here, never guessed.
# --------------------------------------------------------------------------------------------

STAGES = [  # code, Persian, English, order, note
    ("raw", "مواد خام و کالاهای اولیه", "Raw materials", 1, "BEC 111, 21, 31"),
    ("intermediate", "کالاهای واسطه‌ای", "Intermediate goods", 2, "BEC 121, 22, 322, 42, 53"),
    ("consumer", "کالاهای مصرفی", "Consumer goods", 3, "BEC 112, 122, 522, 61, 62, 63"),
    ("capital", "کالاهای سرمایه‌ای", "Capital goods", 4, "BEC 41, 521"),
    (
        "mixed",
        "چند مرحله (تفکیک‌ناپذیر)",
        "Several stages (not separable)",
        5,
        "an HS code whose BEC categories fall in more than one stage: not split, shown apart",
    ),
    (
        "unallocated",
        "طبقه‌بندی‌نشده",
        "Not allocated",
        6,
        "BEC 321, 51 and 7, which BEC leaves outside the classes, and HS codes without BEC",
    ),
]

BEC = [  # code, English, Persian, stage
    (
        "111",
        "Food and beverages, primary, mainly for industry",
        "خوراک و آشامیدنی، اولیه، عمدتاً برای صنعت",
        "raw",
    ),
    (
        "112",
        "Food and beverages, primary, mainly for household consumption",
        "خوراک و آشامیدنی، اولیه، عمدتاً برای مصرف خانوار",
        "consumer",
    ),
    (
        "121",
        "Food and beverages, processed, mainly for industry",
        "خوراک و آشامیدنی، فرآوری‌شده، عمدتاً برای صنعت",
        "intermediate",
    ),
    (
        "122",
        "Food and beverages, processed, mainly for household consumption",
        "خوراک و آشامیدنی، فرآوری‌شده، عمدتاً برای مصرف خانوار",
        "consumer",
    ),
    (
        "21",
        "Industrial supplies not elsewhere specified, primary",
        "ملزومات صنعتی جای دیگر گفته‌نشده، اولیه",
        "raw",
    ),
    (
        "22",
        "Industrial supplies not elsewhere specified, processed",
        "ملزومات صنعتی جای دیگر گفته‌نشده، فرآوری‌شده",
        "intermediate",
    ),
    ("31", "Fuels and lubricants, primary", "سوخت و روان‌کننده، اولیه", "raw"),
    (
        "32",
        "Fuels and lubricants, processed (motor spirit and other, not told apart)",
        "سوخت و روان‌کننده، فرآوری‌شده (بنزین موتور و سایر، بی‌تفکیک)",
        "mixed",
    ),
    (
        "321",
        "Fuels and lubricants, processed, motor spirit",
        "سوخت و روان‌کننده، فرآوری‌شده، بنزین موتور",
        "unallocated",
    ),
    (
        "322",
        "Fuels and lubricants, processed, other",
        "سوخت و روان‌کننده، فرآوری‌شده، سایر",
        "intermediate",
    ),
    (
        "41",
        "Capital goods (except transport equipment)",
        "کالاهای سرمایه‌ای (به‌جز تجهیزات حمل‌ونقل)",
        "capital",
    ),
    (
        "42",
        "Parts and accessories of capital goods (except transport equipment)",
        "قطعات و لوازم کالاهای سرمایه‌ای (به‌جز تجهیزات حمل‌ونقل)",
        "intermediate",
    ),
    ("51", "Passenger motor cars", "خودروی سواری", "unallocated"),
    ("521", "Transport equipment, other, industrial", "سایر تجهیزات حمل‌ونقل، صنعتی", "capital"),
    (
        "522",
        "Transport equipment, other, non-industrial",
        "سایر تجهیزات حمل‌ونقل، غیرصنعتی",
        "consumer",
    ),
    (
        "53",
        "Parts and accessories of transport equipment",
        "قطعات و لوازم تجهیزات حمل‌ونقل",
        "intermediate",
    ),
    (
        "61",
        "Consumer goods not elsewhere specified, durable",
        "کالاهای مصرفی جای دیگر گفته‌نشده، بادوام",
        "consumer",
    ),
    (
        "62",
        "Consumer goods not elsewhere specified, semi-durable",
        "کالاهای مصرفی جای دیگر گفته‌نشده، نیمه‌بادوام",
        "consumer",
    ),
    (
        "63",
        "Consumer goods not elsewhere specified, non-durable",
        "کالاهای مصرفی جای دیگر گفته‌نشده، بی‌دوام",
        "consumer",
    ),
    ("7", "Goods not elsewhere specified", "کالاهای جای دیگر گفته‌نشده", "unallocated"),
]


def build_value_chain(src: Path, out: Path) -> None:
    """hs_bec.csv (each HS 2022 subheading and its BEC categories, pipe-separated: the source's
    many-to-many rows kept whole), bec.csv and stages.csv."""
    by_hs: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for row in read_csv(src / "concordance" / "hs2022_to_bec4.csv"):
        hs6, bec = row["HS 2022"].strip(), row["BEC 4"].strip()
        if not re.fullmatch(r"\d{6}", hs6) or hs6 == "999999" or not bec:
            continue  # blank trailing rows, and 999999 (not a subheading)
        if bec not in by_hs.setdefault(hs6, []):
            by_hs[hs6].append(bec)
        kinds[hs6] = row["Relationship"].strip()
    write_csv(
        out / "hs_bec.csv",
        ["hs6", "bec", "relationship"],
        [[hs6, "|".join(sorted(becs)), kinds[hs6]] for hs6, becs in sorted(by_hs.items())],
    )
    write_csv(out / "bec.csv", ["code", "name_en", "name_fa", "stage"], [list(b) for b in BEC])
    write_csv(
        out / "stages.csv",
        ["code", "name_fa", "name_en", "sort_order", "note"],
        [list(s) for s in STAGES],
    )


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def unique_aliases(names: list[str], taken: list[str]) -> list[str]:
    """Aliases in order, without any whose key is already among `taken` or earlier aliases."""
    seen = {name_key(t) for t in taken if t}
    out = []
    for name in names:
        key = name_key(name)
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def build_hs(src: Path, out: Path) -> dict[str, str]:
    rows = [r for r in read_csv(src / "hs" / "harmonized-system.csv") if r["section"] != "TOTAL"]
    rows.sort(key=lambda r: r["hscode"])
    chapters = [r["hscode"] for r in rows if r["level"] == "2"]
    assert sorted(chapters) == sorted(CHAPTERS_FA), set(chapters) ^ set(CHAPTERS_FA)
    # headings and subheadings: the taraz project's own Persian (scripts/data/hs_fa.csv)
    names_fa = {r["code"]: r["name_fa"] for r in read_csv(HS_FA)}
    table = []
    for r in rows:
        code, level = r["hscode"], r["level"]
        assert code.isdigit() and len(code) == int(level), r
        parent = "" if level == "2" else r["parent"]
        description_fa = CHAPTERS_FA[code] if level == "2" else names_fa[code]
        table.append([code, level, r["section"], parent, r["description"].strip(), description_fa])
    write_csv(
        out / "hs.csv",
        ["code", "level", "section", "parent", "description_en", "description_fa"],
        table,
    )

    sections = read_csv(src / "hs" / "sections.csv", encoding="utf-8-sig")
    assert [s["section"] for s in sections] == list(SECTIONS_FA)
    write_csv(
        out / "hs_sections.csv",
        ["section", "name_en", "name_fa"],
        [[s["section"], _sentence(s["name"]), SECTIONS_FA[s["section"]]] for s in sections],
    )
    return {r["hscode"]: r["description"].strip() for r in rows}


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def build_sectors(out: Path, hs_en: dict[str, str]) -> None:
    write_csv(
        out / "sectors.csv",
        ["code", "name_fa", "name_en", "sort_order"],
        [list(s) for s in SECTORS],
    )
    rules = sector_rules(hs_en)
    prefixes = [r[0] for r in rules]
    assert len(prefixes) == len(set(prefixes)), "duplicate prefix"
    rules.sort(key=lambda r: r[0])
    write_csv(out / "sector_rules.csv", ["hs_prefix", "sector", "note"], [list(r) for r in rules])


def build_countries(src: Path, out: Path) -> None:
    en = {r["id"]: r["value"] for r in read_csv(src / "countries" / "countries_en.csv")}
    fa = {r["id"]: r["value"] for r in read_csv(src / "countries" / "countries_fa.csv")}
    assert set(en) == set(fa)
    rows = []
    for code in sorted(en):
        name_fa = COUNTRY_NAME_FA.get(code, fa[code])
        extra = [fa[code]] if name_fa != fa[code] else []
        aliases = unique_aliases(extra + COUNTRY_ALIASES.get(code, []), [code, name_fa, en[code]])
        rows.append([code, en[code], name_fa, "|".join(aliases)])
    write_csv(out / "countries.csv", ["code", "name_en", "name_fa", "aliases"], rows)


def build_provinces(src: Path, out: Path) -> dict[str, str]:
    rows, by_name = [], {}
    for p in read_csv(src / "iran" / "provinces.csv"):
        code, name_fa, name_en = p["iso3166_2"], p["name_fa"], p["name_en"]
        names = [
            *PROVINCE_ALIASES.get(code, []),
            f"استان {name_fa}",
            f"{name_en} Province",
        ]
        aliases = unique_aliases(names, [code, name_fa, name_en])
        rows.append([code, name_fa, name_en, "|".join(aliases)])
        for name in (name_fa, *aliases):
            by_name[name_key(name)] = code
    write_csv(out / "provinces.csv", ["code", "name_fa", "name_en", "aliases"], rows)
    return by_name


def build_customs_offices(src: Path, out: Path, province_by_name: dict[str, str]) -> None:
    listing = read_csv(src / "iran" / "customs_offices.csv")
    assert {o["name_fa"] for o in listing} == set(OFFICES), set(OFFICES) ^ {
        o["name_fa"] for o in listing
    }
    cities = [o["city_fa"] for o in listing if o["city_fa"]]
    offices = []
    for o in listing:
        token, name_en, city_fix, aliases_fa, aliases_en = OFFICES[o["name_fa"]]
        province_fa = PROVINCE_NAME_FIXES.get(o["province_fa"], o["province_fa"])
        province = province_by_name[name_key(province_fa)]
        code = f"IR{province[3:]}-{token}"
        # Persian names in Persian digits (the listing writes «منطقه ویژه اقتصادی 2 بوشهر");
        # the listing's own spelling stays an alias
        name_fa = to_persian_digits(OFFICE_NAME_FIXES.get(o["name_fa"], o["name_fa"]))
        city = to_persian_digits(o["city_fa"] or city_fix)
        names = [o["name_fa"]] if name_fa != o["name_fa"] and "*" not in o["name_fa"] else []
        names += aliases_fa
        if name_fa.startswith("گمرک ") and not name_fa.startswith("گمرک استان"):
            names.append(name_fa.removeprefix("گمرک "))
        provincial = PROVINCIAL.match(name_fa)
        if provincial:
            region = provincial.group(1)
            names += [f"گمرک استان {region}", f"گمرکات استان {region}", f"گمرک {region}"]
        if city and cities.count(city) == 1 and city not in NOT_CITY_ALIASES:
            plain_city = city.replace("(ره)", "").strip()
            names += [f"گمرک {plain_city}", plain_city]
        names += aliases_en
        offices.append([code, name_fa, name_en, province, city, names])

    # An alias two offices would share belongs to neither: drop it from both.
    owners: dict[str, set[str]] = {}
    for code, name_fa, name_en, _, _, names in offices:
        for name in (code, name_fa, name_en, *names):
            owners.setdefault(name_key(name), set()).add(code)
    rows = []
    for code, name_fa, name_en, province, city, names in offices:
        kept = [n for n in names if len(owners[name_key(n)]) == 1]
        for n in names:
            if len(owners[name_key(n)]) > 1:
                print(f"  {code}: alias {n!r} dropped (shared by {sorted(owners[name_key(n)])})")
        aliases = unique_aliases(kept, [code, name_fa, name_en])
        rows.append([code, name_fa, name_en, province, city, "|".join(aliases)])
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate office code"
    rows.sort(key=lambda r: r[0])
    write_csv(
        out / "customs_offices.csv",
        ["code", "name_fa", "name_en", "province", "city_fa", "aliases"],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    hs_en = build_hs(args.source, args.out)
    build_sectors(args.out, hs_en)
    build_countries(args.source, args.out)
    province_by_name = build_provinces(args.source, args.out)
    build_customs_offices(args.source, args.out, province_by_name)
    build_value_chain(args.source, args.out)


if __name__ == "__main__":
    main()
