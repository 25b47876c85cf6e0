"""Where the web keeps its own files: beside the warehouse, in `<warehouse stem>-web/`.

The folder holds the service database (SQLite by default), the secret key of the embedded
server, the uploads waiting for import and the collected static files. `$TARAZ_WEB_DIR` names
another folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from taraz.warehouse import default_warehouse_path


def warehouse_path() -> Path:
    return default_warehouse_path()


def web_dir() -> Path:
    env = os.environ.get("TARAZ_WEB_DIR")
    if env:
        return Path(env).expanduser()
    wh = warehouse_path()
    return wh.parent / f"{wh.stem}-web"


def service_db_path() -> Path:
    return web_dir() / "service.sqlite3"


def ensure_folders() -> None:
    """Make the web folder (the SQLite service database cannot make its own folder)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) != ":memory:":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    Path(settings.TARAZ_UPLOAD_DIR).mkdir(parents=True, exist_ok=True)


def upload_dir() -> Path:
    return web_dir() / "uploads"


def static_root() -> Path:
    return web_dir() / "static"


def local_secret_key() -> str:
    """The embedded server's secret key: made once, kept in the web folder (mode 0600)."""
    path = web_dir() / "secret_key"
    if path.exists():
        return path.read_text("ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text("ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key
