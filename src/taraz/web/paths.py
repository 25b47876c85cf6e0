"""Where the web keeps its own files: beside the warehouse, in `<warehouse stem>-web/`.

The folder holds the service database (SQLite by default), the secret key of the embedded
server, the uploads waiting for import and the collected static files. `$TARAZ_WEB_DIR` names
another folder.

The database (session keys, password hashes, the audit trail), the key and the uploads
(traders' declaration lines) are for the server's own user: files 0600 in folders 0700,
whatever the umask.
"""

from __future__ import annotations

import contextlib
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


FILE_MODE, FOLDER_MODE = 0o600, 0o700


def private_folder(path: Path) -> Path:
    """Make `path` (and the parents it lacks) as folders only the owner may enter."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another thread made it first
            folder.mkdir(mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)
    if path not in missing:
        make_private(path, FOLDER_MODE)
    return path


def make_private(path: Path, mode: int = FILE_MODE) -> None:
    """Take the group's and others' permissions from an existing file or folder."""
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, mode)
    except FileNotFoundError:
        pass


def private_file(path: Path):
    """`path` opened for writing in binary, made (or truncated) with mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "wb")


def _sqlite_file(settings_dict: dict) -> Path | None:
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def keep_database_private(sender, connection, **kwargs) -> None:
    """On every new connection to a SQLite service database: the file is 0600 (SQLite gives
    its journals the database's mode). Connected to Django's `connection_created`; SQLite makes
    the file when it connects, before anything is written into it."""
    if connection.vendor != "sqlite":
        return
    path = _sqlite_file(connection.settings_dict)
    if path is not None:
        make_private(path)
        for suffix in ("-journal", "-wal", "-shm"):
            make_private(path.with_name(path.name + suffix))


def ensure_folders() -> None:
    """Make the web folders, private (the SQLite service database cannot make its own folder),
    and the database file private if it is there."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    path = _sqlite_file(db) if db["ENGINE"].endswith("sqlite3") else None
    if path is not None:
        private_folder(path.parent)
        make_private(path)
    upload = Path(settings.TARAZ_UPLOAD_DIR)
    private_folder(upload.parent)
    private_folder(upload)


def case_files_dir() -> Path:
    """The files given with cases (owner-only, by random names)."""
    env = os.environ.get("TARAZ_CASE_FILES")
    return Path(env).expanduser() if env else web_dir() / "case-files"


def upload_dir() -> Path:
    return web_dir() / "uploads"


def static_root() -> Path:
    return web_dir() / "static"


def local_secret_key() -> str:
    """The embedded server's secret key: made once, kept in the web folder (mode 0600)."""
    path = web_dir() / "secret_key"
    if path.exists():
        make_private(path)
        return path.read_text("ascii").strip()
    private_folder(path.parent)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text("ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key
