"""The one check of the API's one error shape; every error test calls it."""

from __future__ import annotations

import json

from taraz.errors import catalogue

ERROR_KEYS = {"status", "code", "kind", "message_fa", "message_en", "context"}


def assert_api_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == ERROR_KEYS
    assert error["status"] == status
    assert error["message_fa"] and error["message_en"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in error["message_fa"])  # Persian script
    assert error["message_fa"] != error["message_en"]
    assert isinstance(error["context"], dict)
    assert b"Traceback" not in response.content
    if code is not None:
        assert error["code"] == code, error
    assert error["code"] in catalogue(), error  # every code any surface shows is catalogued
    return error
