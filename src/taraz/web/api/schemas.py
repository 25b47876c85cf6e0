"""The API's parameter and error schemas (they document the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class Selection(Schema):
    province: str = "IR"
    period: str | None = None
    basis: str = "origin"
    as_of: str | None = None


class ErrorDetail(Schema):
    status: int
    code: str
    kind: str
    message_fa: str
    message_en: str
    context: dict[str, Any]


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}
