"""`taraz serve`: the dashboard, the open data API and the data desk on a production-grade
server (gunicorn), not Django's development server.

One process, many threads: DuckDB lets one process write the warehouse file, so the server
opens it once, read-write, and every request thread reads through its own cursor while imports
run in a background thread of the same process. Static files are collected at start and
served by whitenoise; the service database (SQLite beside the warehouse unless `DATABASE_URL`
says otherwise) is migrated at start.
"""

from __future__ import annotations

import os
from pathlib import Path

import click


def _prepare(warehouse: Path | None, production: bool, host: str, threads: int) -> None:
    os.environ["TARAZ_THREADS"] = str(threads)  # sizes the computation gate (web settings)
    if warehouse is not None:
        os.environ["TARAZ_WAREHOUSE"] = str(Path(warehouse).expanduser().resolve())
    profile = "production" if production else "local"
    os.environ["DJANGO_SETTINGS_MODULE"] = (
        os.environ.get("TARAZ_DJANGO_SETTINGS") or f"taraz.web.settings.{profile}"
    )
    if (
        not production
        and host not in ("0.0.0.0", "::", "")
        and "TARAZ_ALLOWED_HOSTS" not in os.environ
    ):
        hosts = ["localhost", "127.0.0.1", "[::1]", host if ":" not in host else f"[{host}]"]
        os.environ["TARAZ_ALLOWED_HOSTS"] = ",".join(dict.fromkeys(hosts))


def _setup_django(migrate: bool) -> None:
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    from taraz.web.paths import ensure_folders

    ensure_folders()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    _collect_static()
    connections.close_all()  # no connection crosses the fork into the worker


def _collect_static() -> None:
    """Collect the static files unless the same sources were collected before."""
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            full = Path(storage.path(path))
            stat = full.stat()
            digest.update(
                f"{getattr(storage, 'prefix', '') or ''}/{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode()
            )
    stamp = Path(settings.STATIC_ROOT) / ".taraz-sources"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
    stamp.write_text(digest.hexdigest())


def _gunicorn(bind: str, threads: int, timeout: int, access_log: bool):
    from gunicorn.app.base import BaseApplication

    class TarazServer(BaseApplication):
        def load_config(self):
            options = {
                "bind": bind,
                "workers": 1,  # one process: the only writer of the DuckDB file
                "worker_class": "gthread",
                "threads": threads,
                "timeout": timeout,
                "graceful_timeout": 30,
                "keepalive": 5,
                "accesslog": "-" if access_log else None,
                "errorlog": "-",
                "loglevel": "info",
                "proc_name": "taraz-serve",
                "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                "post_worker_init": _post_worker_init,
                "control_socket_disable": True,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from taraz.web.wsgi import application

            return application

    return TarazServer()


def _post_worker_init(worker) -> None:
    from taraz.web.startup import worker_started

    worker_started()


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: every interface).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Request threads of the one server process.",
)
@click.option(
    "--production",
    is_flag=True,
    help="Production settings: behind a TLS proxy, TARAZ_SECRET_KEY and TARAZ_ALLOWED_HOSTS required.",
)
@click.option("--no-migrate", is_flag=True, help="Do not migrate the service database at start.")
@click.option(
    "--timeout",
    default=120,
    show_default=True,
    type=int,
    help="Seconds before a stuck worker is restarted.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log every request to standard output.",
)
@click.option(
    "--warehouse",
    "warehouse_opt",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Warehouse file (default: taraz's --warehouse, $TARAZ_WAREHOUSE, or the user's).",
)
@click.pass_context
def serve(ctx, host, port, threads, production, no_migrate, timeout, access_log, warehouse_opt):
    """Serve the dashboard, the open data API and the data desk / اجرای داشبورد و API."""
    parent = getattr(ctx.obj, "warehouse", None)
    lang = getattr(ctx.obj, "lang", "fa")
    _prepare(warehouse_opt or parent, production, host, threads)
    _setup_django(migrate=not no_migrate)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    address = f"http://{shown}:{port}/"
    from django.conf import settings

    if lang == "fa":
        click.echo(
            f"داشبورد: {address}   (English: {address}en/   API: {address}api/v1/docs   میز داده: {address}desk/)"
        )
        click.echo(f"انبار داده: {settings.TARAZ_WAREHOUSE}   پایان با Ctrl+C")
    else:
        click.echo(
            f"Dashboard: {address}en/   (Persian: {address}   API: {address}api/v1/docs   data desk: {address}desk/)"
        )
        click.echo(f"Warehouse: {settings.TARAZ_WAREHOUSE}   Stop with Ctrl+C")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _gunicorn(bind, threads, timeout, access_log).run()


if __name__ == "__main__":  # `python -m taraz.cli.serve` (before it is registered in `taraz`)
    serve(prog_name="taraz serve")
