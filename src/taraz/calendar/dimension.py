"""The date dimension: one row per day with its Jalali and Gregorian parts, for joins in SQL."""

from array import array
from datetime import date, timedelta
from typing import TYPE_CHECKING

from taraz.calendar.calendars import jalali_month_length, jalali_to_gregorian
from taraz.calendar.months import JALALI_MONTHS_EN, JALALI_MONTHS_FA

if TYPE_CHECKING:
    import pyarrow as pa

COLUMNS = (
    "date",
    "jy",
    "jm",
    "jd",
    "jhalf",
    "jquarter",
    "jmonth_name_fa",
    "jmonth_name_en",
    "gy",
    "gm",
    "gd",
    "gquarter",
    "ghalf",
    "weekday",
)
_EPOCH = date(1970, 1, 1).toordinal()


def date_dimension(first_jalali_year: int = 1380, last_jalali_year: int = 1430) -> "pa.Table":
    """One row per day from 1 Farvardin of the first year to the last day of the last year.

    `date` is date32, names are strings, the rest int32; `weekday` is ISO (1 = Monday ...
    7 = Sunday; Saturday, the first day of the Iranian week, is 6). Converts once per Jalali
    month and steps days, so it builds in a few hundredths of a second.
    """
    if first_jalali_year > last_jalali_year:
        raise ValueError(
            f"the first year ({first_jalali_year}) is after the last ({last_jalali_year})"
        )
    ints = {name: array("i") for name in COLUMNS if not name.startswith("jmonth_name")}
    months = array("i")  # Jalali month of each row, for the name columns
    one_day = timedelta(days=1)
    for jy in range(first_jalali_year, last_jalali_year + 1):
        for jm in range(1, 13):
            day = jalali_to_gregorian(jy, jm, 1)
            length = jalali_month_length(jy, jm)
            for jd in range(1, length + 1):
                ints["date"].append(day.toordinal() - _EPOCH)
                ints["jd"].append(jd)
                ints["gy"].append(day.year)
                ints["gm"].append(day.month)
                ints["gd"].append(day.day)
                ints["gquarter"].append((day.month - 1) // 3 + 1)
                ints["ghalf"].append((day.month - 1) // 6 + 1)
                ints["weekday"].append(day.isoweekday())
                day += one_day
            ints["jy"].extend([jy] * length)
            months.extend([jm] * length)
            ints["jhalf"].extend([(jm - 1) // 6 + 1] * length)
            ints["jquarter"].extend([(jm - 1) // 3 + 1] * length)
    ints["jm"] = months
    return _table(ints, months)


def _table(ints: dict[str, array], months: array) -> "pa.Table":
    """The Arrow table, built from buffers.

    pyarrow imports pandas (about a second) the first time it converts a Python sequence;
    building from buffers avoids that.
    """
    import pyarrow as pa  # here, so importing taraz.calendar stays light for the CLI

    def int_column(values: array, kind: pa.DataType) -> pa.Array:
        return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(values)])

    def month_name_column(names: tuple[str, ...]) -> pa.Array:
        encoded = [name.encode() for name in names]
        offsets, data = array("i", [0]), bytearray()
        for m in months:
            data += encoded[m - 1]
            offsets.append(len(data))
        buffers = [None, pa.py_buffer(offsets), pa.py_buffer(bytes(data))]
        return pa.Array.from_buffers(pa.string(), len(months), buffers)

    arrays = {name: int_column(values, pa.int32()) for name, values in ints.items()}
    arrays["date"] = int_column(ints["date"], pa.date32())
    arrays["jmonth_name_fa"] = month_name_column(JALALI_MONTHS_FA)
    arrays["jmonth_name_en"] = month_name_column(JALALI_MONTHS_EN)
    return pa.Table.from_arrays([arrays[name] for name in COLUMNS], names=list(COLUMNS))
