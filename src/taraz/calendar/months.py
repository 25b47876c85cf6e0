"""Names of months, halves and seasons in Persian and English."""

JALALI_MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
JALALI_MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
GREGORIAN_MONTHS_FA = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)
GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
JALALI_SEASONS_FA = ("بهار", "تابستان", "پاییز", "زمستان")
ORDINALS_FA = ("اول", "دوم", "سوم", "چهارم")
HALVES_FA = ("نخست", "دوم")


def month_names(calendar: str, lang: str) -> tuple[str, ...]:
    """The 12 month names of a calendar ("jalali"/"gregorian") in a language ("fa"/"en")."""
    names = {
        ("jalali", "fa"): JALALI_MONTHS_FA,
        ("jalali", "en"): JALALI_MONTHS_EN,
        ("gregorian", "fa"): GREGORIAN_MONTHS_FA,
        ("gregorian", "en"): GREGORIAN_MONTHS_EN,
    }
    try:
        return names[calendar, lang]
    except KeyError:
        raise ValueError(f"no month names for calendar {calendar!r} in lang {lang!r}") from None


# By Python's `date.weekday()`: Monday is 0, Sunday 6 (the Iranian week starts on Saturday).
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_FA = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
