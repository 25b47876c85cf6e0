"""What an uploaded file is, told by its bytes and never by its name: an Excel workbook (.xlsx,
a zip holding `xl/workbook.xml`), a Parquet file (`PAR1` at both ends) or a text table (CSV in
UTF-8 or Windows-1256, no NUL bytes). Anything else is refused before it is stored."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path
from typing import BinaryIO

from taraz.errors import TarazError

SNIFF = 64 * 1024
XLSX, PARQUET, CSV = "xlsx", "parquet", "csv"


def kind_of(fh: BinaryIO) -> str | None:
    """xlsx, parquet or csv by the file's content; None when it is none of them."""
    fh.seek(0)
    head = fh.read(SNIFF)
    fh.seek(0, 2)
    size = fh.tell()
    if size >= 8:
        fh.seek(size - 4)
        tail = fh.read(4)
    else:
        tail = b""
    fh.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fh) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            fh.seek(0)
        return XLSX if "xl/workbook.xml" in names and "[Content_Types].xml" in names else None
    if head.startswith(b"PAR1") and tail == b"PAR1":
        return PARQUET
    if _is_text_table(head, size):
        return CSV
    return None


def _is_text_table(head: bytes, size: int) -> bool:
    if not head or b"\x00" in head:
        return False
    if size > len(head):  # cut at the last line break, so a multi-byte letter is not split
        cut = head.rfind(b"\n")
        head = head[: cut + 1] if cut > 0 else head
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(c) == "Cc" and c not in "\r\n\t" for c in text):
            return False
        first = text.split("\n", 1)[0]
        return any(sep in first for sep in (",", ";", "\t", "|"))
    return False


def check_upload(name: str, fh: BinaryIO, size: int, max_bytes: int) -> str:
    """The kind of an uploaded file, or a TarazError saying why it is refused."""
    if size == 0:
        raise TarazError("datadesk.empty-file", file=name)
    if size > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise TarazError("datadesk.file-too-large", file=name, mb=mb)
    fh.seek(0)
    if fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TarazError("datadesk.old-excel", file=name)
    kind = kind_of(fh)
    if kind is None:
        raise TarazError("datadesk.bad-type", file=name)
    return kind


def safe_name(name: str) -> str:
    """The file's own name without any folder, control characters or leading dots."""
    base = Path(name.replace("\\", "/")).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C" or c == "\u200c")
    base = re.sub(r"\s+", " ", base).strip().lstrip(".")
    return (base or "upload")[:150]
