"""`taraz keys init|rotate|list|export-trust-list|compromise`: the keys that sign certificates.

The keys folder is `--dir`, `$TARAZ_KEYS_DIR` or `~/.local/share/taraz/keys`; the passphrase of
the private keys comes from `$TARAZ_KEYS_PASSPHRASE` or the file named by
`$TARAZ_KEYS_PASSPHRASE_FILE`, never from an option (it would stay in the shell's history and
in the process list), and is never printed. docs/credentials.md says what each key does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

MESSAGES: dict[str, tuple[str, str]] = {
    "created": ("کلیدهای تازه در «{folder}» ساخته شد.", "New keys made in {folder}."),
    "root": ("کلید ریشه: {kid} (تا {until})", "Root key: {kid} (until {until})"),
    "signing": (
        "کلید امضا: {kid} (امضا از {since} تا {until})",
        "Signing key: {kid} (signs from {since} to {until})",
    ),
    "publish": (
        "شناسهٔ کلید ریشه را منتشر کنید (روی هر گواهی و در README) تا بررسی‌کنندگان آن را معین کنند: {kid}",
        "Publish the root key id (on every certificate and in the README) for verifiers to pin: {kid}",
    ),
    "lists": (
        "فهرست کلیدهای مورد اعتماد: «{trust_list}»؛ فهرست ابطال: «{revocations}»",
        "Trust list: {trust_list}; revocation list: {revocations}",
    ),
    "rotated": (
        "کلید امضای تازه: {kid} (امضا از {since} تا {until})",
        "New signing key: {kid} (signs from {since} to {until})",
    ),
    "retired": (
        "کلید بازنشسته: {kid}؛ گواهی‌هایی که تا {until} امضا کرده است معتبر می‌مانند.",
        "Retired: {kid}; the certificates it signed up to {until} stay valid.",
    ),
    "trust_list_signed": (
        "فهرست کلیدهای مورد اعتماد دوباره امضا شد: «{path}»",
        "The trust list was signed again: {path}",
    ),
    "exported": (
        "فهرست کلیدهای مورد اعتماد (امضای {issued}، {n} کلید امضا، ریشهٔ {root}) در «{path}» نوشته شد.",
        "The trust list (signed {issued}, {n} signing keys, root {root}) was written to {path}.",
    ),
    "compromised": (
        "کلید {kid} لورفته اعلام شد: هیچ گواهی‌ای که با آن امضا شده است دیگر معتبر شناخته نمی‌شود. گواهی‌های زندهٔ آن را دوباره صادر کنید و فهرست تازه را منتشر کنید.",
        "The key {kid} is declared compromised: no certificate it signed verifies any more. Reissue its live certificates and publish the new list.",
    ),
    "rotate_now": (
        "این کلید امضای فعال بود؛ برای امضای گواهی‌های تازه taraz keys rotate را اجرا کنید.",
        "It was the active signing key; run taraz keys rotate to sign new certificates.",
    ),
    "role_root": ("ریشه", "root"),
    "role_signing": ("امضا", "signing"),
    "status_active": ("فعال", "active"),
    "status_retired": ("بازنشسته", "retired"),
    "status_compromised": ("لورفته", "compromised"),
    "key_line": (
        "{kid}  {role}  {status}  از {since} تا {until}",
        "{kid}  {role}  {status}  {since} to {until}",
    ),
}


def say(lang: str, key: str, **fields: Any) -> str:
    """A message; in Persian, numbers get Persian digits and Latin text (a key id, a path) an
    isolate, so that it keeps its direction."""
    from taraz.fa import isolate, to_persian_digits

    fa, en = MESSAGES[key]
    if lang != "fa":
        return en.format(**fields)
    return fa.format(
        **{
            k: to_persian_digits(str(v)) if isinstance(v, int) else isolate(str(v))
            for k, v in fields.items()
        }
    )


def when(moment: datetime, lang: str) -> str:
    """A moment as people read it, in the organization's time zone: «۲۷ اسفند ۱۴۰۴ ساعت ۱۰:۳۰»
    or "27 Esfand 1404 (18 March 2026) 10:30"."""
    from taraz.calendar import format_jalali_date
    from taraz.calendar.moments import local_zone
    from taraz.fa import to_persian_digits

    local = moment.astimezone(local_zone())
    day = format_jalali_date(local.date(), lang)
    if lang == "fa":
        return f"{day} ساعت {to_persian_digits(local.strftime('%H:%M'))}"
    return f"{day} {local.strftime('%H:%M')}"


def now() -> datetime:
    return datetime.now(UTC)


def emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def _lang(ctx: click.Context) -> str:
    return getattr(ctx.find_root().obj, "lang", "fa")


def _store(ctx: click.Context):
    from taraz.credentials import KeyStore

    folder = ctx.meta.get("taraz.keys_dir")
    return KeyStore(folder) if folder else KeyStore.default()


@click.group("keys")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="TARAZ_KEYS_DIR",
    help="The keys folder (default: $TARAZ_KEYS_DIR or ~/.local/share/taraz/keys).",
)
@click.pass_context
def keys(ctx: click.Context, folder: Path | None) -> None:
    """The keys that sign certificates / کلیدهای امضای گواهی‌ها."""
    ctx.meta["taraz.keys_dir"] = folder


@keys.command("init")
@click.option("--json", "as_json", is_flag=True, help="One object: {folder, root, signing, ...}.")
@click.pass_context
def init_cmd(ctx: click.Context, as_json: bool) -> None:
    """Make the root key and a first signing key; refused when keys exist / ساخت کلیدها."""
    from taraz.credentials import passphrase_from_environment

    store = _store(ctx)
    root, signing = store.init(passphrase_from_environment(), now=now())
    if as_json:
        emit(
            {
                "folder": str(store.path),
                "root": root.to_dict(),
                "signing": signing.to_dict(),
                "trust_list": str(store.trust_list_path),
                "revocation_list": str(store.revocation_list_path),
            }
        )
        return
    lang = _lang(ctx)
    click.echo(say(lang, "created", folder=store.path))
    click.echo(say(lang, "root", kid=root.kid, until=when(root.not_after, lang)))
    click.echo(_signing_line(signing, lang, "signing"))
    click.echo(
        say(
            lang,
            "lists",
            trust_list=store.trust_list_path,
            revocations=store.revocation_list_path,
        )
    )
    click.echo(say(lang, "publish", kid=root.kid))


@keys.command("rotate")
@click.option("--json", "as_json", is_flag=True, help="One object: {signing, retired, trust_list}.")
@click.pass_context
def rotate_cmd(ctx: click.Context, as_json: bool) -> None:
    """A new signing key; the last one retires, what it signed stays valid / چرخاندن کلید امضا."""
    from taraz.credentials import passphrase_from_environment

    store = _store(ctx)
    new, retired = store.rotate(passphrase_from_environment(), now=now())
    if as_json:
        emit(
            {
                "signing": new.to_dict(),
                "retired": [k.to_dict() for k in retired],
                "trust_list": str(store.trust_list_path),
            }
        )
        return
    lang = _lang(ctx)
    click.echo(_signing_line(new, lang, "rotated"))
    for key in retired:
        click.echo(say(lang, "retired", kid=key.kid, until=when(key.not_after, lang)))
    click.echo(say(lang, "trust_list_signed", path=store.trust_list_path))


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per key.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every key's public metadata: id, role, status, span / فهرست کلیدها."""
    infos = _store(ctx).all_keys()
    lang = _lang(ctx)
    for key in infos:
        if as_json:
            emit(key.to_dict())
            continue
        click.echo(
            say(
                lang,
                "key_line",
                kid=key.kid,
                role=say(lang, f"role_{key.role}"),
                status=say(lang, f"status_{key.status}"),
                since=when(key.not_before, lang),
                until=when(key.not_after, lang),
            )
        )


@keys.command("export-trust-list")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One object: {file, root, issued_at, keys}.")
@click.pass_context
def export_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Write the signed trust list to FILE, for verifiers / نوشتن فهرست کلیدهای مورد اعتماد."""
    from taraz.cli.paths import output_file, write_text

    target = output_file(file)
    trust_list = _store(ctx).trust_list()  # checked against the root before it leaves
    write_text(target, trust_list.text + "\n")
    if as_json:
        emit({"file": str(target), **trust_list.summary(), "keys": len(trust_list.keys)})
        return
    lang = _lang(ctx)
    click.echo(
        say(
            lang,
            "exported",
            issued=when(trust_list.issued_at, lang),
            n=len(trust_list.keys),
            root=trust_list.root.kid,
            path=target,
        )
    )


@keys.command("compromise")
@click.argument("kid")
@click.option("--json", "as_json", is_flag=True, help="One object: {kid, status, was, trust_list}.")
@click.pass_context
def compromise_cmd(ctx: click.Context, kid: str, as_json: bool) -> None:
    """Declare signing key KID compromised in the trust list / اعلام لورفتن کلید."""
    from taraz.credentials import KeyStatus, passphrase_from_environment

    store = _store(ctx)
    was = store.find(kid).status
    marked = store.compromise(kid, passphrase_from_environment(), now=now())
    if as_json:
        emit(
            {
                "kid": marked.kid,
                "status": str(marked.status),
                "was": str(was),
                "trust_list": str(store.trust_list_path),
            }
        )
        return
    lang = _lang(ctx)
    click.echo(say(lang, "compromised", kid=marked.kid))
    if was is KeyStatus.ACTIVE:
        click.echo(say(lang, "rotate_now"))
    click.echo(say(lang, "trust_list_signed", path=store.trust_list_path))


def _signing_line(key, lang: str, message: str) -> str:
    return say(
        lang,
        message,
        kid=key.kid,
        since=when(key.not_before, lang),
        until=when(key.not_after, lang),
    )


def register(cli: click.Group) -> None:
    cli.add_command(keys)
