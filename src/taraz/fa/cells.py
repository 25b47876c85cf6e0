"""Text in spreadsheet cells: what taraz writes to CSV or XLSX is read back as the text it is,
never run as a formula.

Excel, LibreOffice and Google Sheets take a cell that begins with `=`, `+`, `-` or `@` (in a
CSV file also a tab or a carriage return) for a formula: `=HYPERLINK(...)`, `=cmd|' /C
calc'!A0`, `=IMPORTXML(...)`. Text that came from outside (cells and names of uploaded files,
source labels) reaches the exports, so:

- CSV: every cell goes through `formula_safe`, which puts an apostrophe before such text (the
  OWASP advice on CSV injection); numbers, and text that is a plain number (`-12.5`), stay as
  they are;
- XLSX: every workbook is opened with `XLSX_OPTIONS`, so XlsxWriter's `write()` stores text as
  text (a string cell is never evaluated, so the text needs no apostrophe).

It lives in `fa`, the package of how values are written as text, because it is the one place
every writer may import (`ingest`, `publish`, `sample`, `web`, `cli`).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def formula_safe(value: Any) -> Any:
    """`value` as it is, unless it is text a spreadsheet would run as a formula: then the same
    text after an apostrophe (`=1+1` -> `'=1+1`). Numbers, and text that is a plain number
    (`-12.5`, `+3`), are left alone."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value
