"""`taraz certificate verify TOKEN_OR_URL`: the verdict on a certificate, offline, by a trust list
and a revocation list; exit 0 when it is valid, 1 when it is not. `taraz certificate verifier
DIR`: the same verdict as a static page that works in a browser with no network.

`taraz certificate revoke|suspend|reinstate NUMBER [--reason CODE]` and `taraz certificate
publish-revocations` change the service database's certificates through the certificates app's
services (audited as the system and the operating system's user, the firm told, the revocation
list republished): exit 0 done, 1 refused (unknown number, not possible now, a reason that does
not fit), 2 a usage error (an unknown reason code, no passphrase).

The lists default to the files `taraz keys` keeps in the keys folder, and the root they are
checked against to the folder's root; a verifier elsewhere gives the files and pins the root
with the key id printed on the certificate (`--root`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from taraz.errors import UsageError

MESSAGES: dict[str, tuple[str, str]] = {
    "valid": ("گواهی معتبر است (شمارهٔ {number}).", "The certificate is valid (number {number})."),
    "not_valid": (
        "گواهی معتبر نیست ({reason}): {message}",
        "The certificate is not valid ({reason}): {message}",
    ),
    "kid": ("کلید امضا: {kid}", "Signing key: {kid}"),
    "claims": ("ادعاهای امضاشده:", "Signed claims:"),
    "trust_list": (
        "فهرست کلیدهای مورد اعتماد: امضای ریشهٔ {root} در {issued}",
        "Trust list: signed by the root {root} on {issued}",
    ),
    "revocations": (
        "فهرست ابطال: امضا در {issued}، به‌روزرسانی بعدی تا {next_update}",
        "Revocation list: signed on {issued}, next update by {next_update}",
    ),
    "verifier": (
        "بررسی‌کنندهٔ آفلاین در {folder} نوشته شد؛ {page} را در مرورگر باز کنید (ریشه: {root}).",
        "The offline verifier is in {folder}; open {page} in a browser (root: {root}).",
    ),
    "verifier_link": (
        "پیوند یک گواهی: {page}#t=<توکن>",
        "A certificate's link: {page}#t=<token>",
    ),
}
TIME_CLAIMS = ("iat", "nbf", "exp")


@click.group("certificate")
def certificate() -> None:
    """Certificates: verify a token or its link / گواهی‌ها."""


@certificate.command("verify")
@click.argument("token", metavar="TOKEN_OR_URL")
@click.option(
    "--trust-list",
    "trust_list_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The signed trust list (default: the one in the keys folder).",
)
@click.option(
    "--revocations",
    "revocations_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The signed revocation list (default: the one in the keys folder).",
)
@click.option(
    "--root",
    "root_kid",
    help="The root key id printed on the certificate (default: the keys folder's root).",
)
@click.option(
    "--lang",
    type=click.Choice(["fa", "en"]),
    default=None,
    help="Language of the verdict (default: the group's --lang).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One object: {valid, reason, claims, kid, revocation, checked_at, trust_list, "
    "revocation_list, error}.",
)
@click.pass_obj
def verify_cmd(
    settings,
    token: str,
    trust_list_file: Path | None,
    revocations_file: Path | None,
    root_kid: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """Verify a certificate token, or a link holding one (`-`: read it from the standard input);
    exit 0 when valid, 1 when not / بررسی گواهی."""
    from taraz.cli.keys import now
    from taraz.credentials import KeyStore, load_revocation_list, load_trust_list, verify
    from taraz.errors import error_dict

    lang = lang or getattr(settings, "lang", "fa")
    if token == "-":
        token = sys.stdin.read()
    store = KeyStore.default()
    if root_kid is None:
        if not store.exists():
            raise UsageError("credentials.root-not-pinned")
        root_kid = store.root().kid
    trust_list = load_trust_list(trust_list_file or store.trust_list_path, root_kid=root_kid)
    revocations = load_revocation_list(
        revocations_file or store.revocation_list_path, trust_list=trust_list
    )
    verdict = verify(token, trust_list, revocations, now=now())
    if as_json:
        out = {
            **verdict.to_dict(),
            "trust_list": trust_list.summary(),
            "revocation_list": revocations.summary(),
        }
        if not verdict.valid:
            out["error"] = error_dict(verdict.error())
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        click.echo(render_verdict(verdict, trust_list, revocations, lang))
    sys.exit(0 if verdict.valid else 1)


@certificate.command("verifier")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--dir",
    "keys_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The keys folder whose root and lists the page carries (default: $TARAZ_KEYS_DIR).",
)
@click.option(
    "--lang",
    type=click.Choice(["fa", "en"]),
    default=None,
    help="The page's first language; it has a switch (default: the group's --lang).",
)
@click.pass_obj
def verifier_cmd(settings, folder: Path, keys_dir: Path | None, lang: str | None) -> None:
    """Write the offline verifier into DIR: one page, the signed lists, no network needed /
    بررسی‌کنندهٔ آفلاین."""
    from taraz.credentials import KeyStore
    from taraz.credentials.verifier import write_verifier

    lang = lang or getattr(settings, "lang", "fa")
    store = KeyStore(keys_dir) if keys_dir else KeyStore.default()
    bundle = write_verifier(folder, store, lang=lang)
    page = bundle.page.resolve().as_uri()
    click.echo(_say(lang, "verifier", folder=str(folder), page=page, root=bundle.root_kid))
    click.echo(_say(lang, "verifier_link", page=page))


REASONS = (
    "nonconformity",
    "false-documents",
    "issued-in-error",
    "under-review",
    "firm-request",
    "key-compromise",
)  # the codes of taraz.web.certificates.models.Reason a suspension or revocation takes
SERVICE_APPS = ("taraz_audit", "taraz_accounts", "taraz_exporters", "taraz_cases")
SERVICE_APPS += ("taraz_certificates",)
MESSAGES.update(
    {
        "changed": (
            "گواهی {number}: {before} ← {after} ({reason})؛ فهرست ابطال دوباره امضا شد.",
            "Certificate {number}: {before} -> {after} ({reason}); the revocation list was "
            "signed again.",
        ),
        "published": (
            "فهرست ابطال با {entries} گواهی دوباره امضا شد در {issued}؛ به‌روزرسانی بعدی تا {next_update}.",
            "The revocation list of {entries} certificates was signed again on {issued}; next "
            "update by {next_update}.",
        ),
    }
)


def _change(settings, action: str, number: str, reason: str, as_json: bool) -> None:
    """One change of a certificate's standing by the operator, through the service."""
    from taraz.cli.audit import _open_service_database
    from taraz.cli.exporters import _os_user

    _open_service_database(getattr(settings, "warehouse", None), SERVICE_APPS)
    from taraz.web.audit import services as audit_trail
    from taraz.web.certificates import services

    lang = getattr(settings, "lang", "fa")
    with audit_trail.acting(via=f"taraz certificate {action}", os_user=_os_user()):
        before = services.by_number(number).status
        cert = services.change_as_operator(number, action, reason)
    if as_json:
        out = {"number": cert.number, "action": action, "before": str(before)}
        out |= {"status": str(cert.status), "reason": cert.reason}
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    click.echo(
        _say(
            lang,
            "changed",
            number=cert.number,
            before=str(before),
            after=str(cert.status),
            reason=cert.reason or "-",
        )
    )


_REASON = click.Choice(REASONS)
_JSON = click.option(
    "--json", "as_json", is_flag=True, help="One object: {number, action, before, status, reason}."
)


@certificate.command("revoke")
@click.argument("number")
@click.option("--reason", required=True, type=_REASON, help="Why (the revocation list says it).")
@_JSON
@click.pass_obj
def revoke_cmd(settings, number: str, reason: str, as_json: bool) -> None:
    """Revoke certificate NUMBER for good; the revocation list is signed again / ابطال گواهی."""
    _change(settings, "revoke", number, reason, as_json)


@certificate.command("suspend")
@click.argument("number")
@click.option("--reason", required=True, type=_REASON, help="Why (the revocation list says it).")
@_JSON
@click.pass_obj
def suspend_cmd(settings, number: str, reason: str, as_json: bool) -> None:
    """Suspend certificate NUMBER until it is reinstated / تعلیق گواهی."""
    _change(settings, "suspend", number, reason, as_json)


@certificate.command("reinstate")
@click.argument("number")
@click.option("--reason", type=_REASON, help="Ignored: a reinstatement takes no reason.")
@_JSON
@click.pass_obj
def reinstate_cmd(settings, number: str, reason: str | None, as_json: bool) -> None:
    """Reinstate suspended certificate NUMBER / بازگرداندن گواهی تعلیق‌شده."""
    _change(settings, "reinstate", number, "", as_json)


@certificate.command("publish-revocations")
@click.option("--json", "as_json", is_flag=True, help="The list's summary as one object.")
@click.pass_obj
def publish_revocations_cmd(settings, as_json: bool) -> None:
    """Sign the revocation list again, changed or not: run it daily, so that verifiers' "the
    list is old" warning means something / امضای دوبارهٔ فهرست ابطال."""
    from taraz.cli.audit import _open_service_database
    from taraz.cli.keys import when

    _open_service_database(getattr(settings, "warehouse", None), SERVICE_APPS)
    from taraz.web.certificates import services

    revocations = services.publish_revocations()
    if as_json:
        click.echo(json.dumps(revocations.summary(), ensure_ascii=False, default=str))
        return
    lang = getattr(settings, "lang", "fa")
    click.echo(
        _say(
            lang,
            "published",
            entries=_count(len(revocations.entries), lang),
            issued=when(revocations.issued_at, lang),
            next_update=when(revocations.next_update, lang),
        )
    )


def _count(n: int, lang: str) -> str:
    from taraz.fa import to_persian_digits

    return to_persian_digits(str(n)) if lang == "fa" else str(n)


def render_verdict(verdict, trust_list, revocations, lang: str) -> str:
    """The verdict for people: valid or the reason and its message, the signing key, the signed
    claims (times as dates) and the lists' dates."""
    from taraz.cli.keys import when
    from taraz.credentials.summary import facts

    claims = verdict.claims or {}
    if verdict.valid:
        lines = [_say(lang, "valid", number=claims.get("jti", ""))]
    else:
        message = verdict.error(lang).message(lang)
        lines = [_say(lang, "not_valid", reason=str(verdict.reason), message=message)]
    if verdict.kid:
        lines.append(_say(lang, "kid", kid=verdict.kid))
    lines += [f"  {label}: {text}" for label, text in facts(claims, lang)]
    if claims:
        lines.append(_say(lang, "claims"))
        lines += [f"  {name}: {_claim(name, value, lang)}" for name, value in claims.items()]
    lines.append(
        _say(lang, "trust_list", root=trust_list.root.kid, issued=when(trust_list.issued_at, lang))
    )
    lines.append(
        _say(
            lang,
            "revocations",
            issued=when(revocations.issued_at, lang),
            next_update=when(revocations.next_update, lang),
        )
    )
    return "\n".join(lines)


def _claim(name: str, value: Any, lang: str) -> str:
    """A claim as written (to compare with the paper); a time also as a date."""
    from taraz.cli.keys import when
    from taraz.credentials.envelope import is_numeric_date, moment_of
    from taraz.fa import isolate, to_persian_digits

    if name in TIME_CLAIMS and is_numeric_date(value):
        day = when(moment_of(value), lang)
        return day if lang == "fa" else f"{day} ({value})"
    if lang == "fa" and isinstance(value, int | float) and not isinstance(value, bool):
        return to_persian_digits(str(value))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return isolate(text) if lang == "fa" else text


def _say(lang: str, key: str, **fields: Any) -> str:
    """A message; in Persian, Latin values (a key id, a number as written) in an isolate."""
    from taraz.fa import has_persian, isolate

    fa, en = MESSAGES[key]
    if lang != "fa":
        return en.format(**fields)
    return fa.format(
        **{k: str(v) if has_persian(str(v)) else isolate(str(v)) for k, v in fields.items()}
    )


def register(cli: click.Group) -> None:
    cli.add_command(certificate)
