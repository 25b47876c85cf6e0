"""A case's files: checked by what they contain (not by their name or the type the browser
claims), capped in size, stored under `TARAZ_CASE_FILES` by a random name, owner-only, their
SHA-256 recorded. The accepted kinds are the ones a case's papers come in: PDF, JPEG and PNG
(scans and photographs of originals)."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.conf import settings

from taraz.errors import TarazError
from taraz.web.paths import make_private, private_folder

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def max_bytes() -> int:
    return int(settings.TARAZ_CASE_FILE_MAX_MB) * 1024 * 1024


def check_upload(upload) -> str:
    """The file's type by its first bytes, or `cases.document-type`; `cases.document-size`
    beyond the cap, `cases.document-empty` for nothing."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise TarazError("cases.document-empty", file=name)
    if size > max_bytes():
        raise TarazError("cases.document-size", file=name, mb=settings.TARAZ_CASE_FILE_MAX_MB)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise TarazError("cases.document-type", file=name)


def store_upload(upload, folder: Path) -> tuple[str, str, int]:
    """Write the file under `folder` by a random name: (that name, its SHA-256, its size)."""
    content_type = check_upload(upload)
    private_folder(folder)
    stored = secrets.token_hex(16) + SUFFIXES[content_type]
    digest, size = hashlib.sha256(), 0
    target = folder / stored
    with open(target, "xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            if size > max_bytes():
                out.close()
                target.unlink()
                raise TarazError(
                    "cases.document-size", file=upload.name, mb=settings.TARAZ_CASE_FILE_MAX_MB
                )
            out.write(chunk)
    make_private(target)
    return stored, digest.hexdigest(), size
