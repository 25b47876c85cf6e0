"""What other apps (and this app's views and commands) may do with accounts: bodies and their
data file, memberships (started and ended, never edited), exporters' people, invitations, and
the second factor. The only writer of this app's rows; every change is in the audit trail.

Other apps import this module and `permissions`, nothing else of the app.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from taraz.errors import TarazError
from taraz.fa import to_latin_digits
from taraz.web.accounts.models import (
    BODY_ROLES,
    ORGANIZATION_ROLES,
    Body,
    BodyKind,
    ExporterMembership,
    ExporterRole,
    Invitation,
    Membership,
    Role,
)
from taraz.web.accounts.standing import forget, held_exporters, held_roles, needs_two_factor
from taraz.web.accounts.twofactor import (
    FreshTwoFactorRequired,
    authenticator_key,
    confirm_enrolment,
    has_device,
    issue_device,
    require_fresh_2fa,
    start_enrolment,
    verify_second_factor,
)
from taraz.web.audit import services as audit_trail

Action = audit_trail.Action
BODIES_FILE = Path(__file__).with_name("data") / "bodies.toml"

__all__ = [
    "BODIES_FILE",
    "Body",
    "BodyKind",
    "ExporterMembership",
    "ExporterRole",
    "FreshTwoFactorRequired",
    "Invitation",
    "IssuedFactor",
    "IssuedInvitation",
    "Membership",
    "Role",
    "accept_invitation",
    "add_exporter_member",
    "amend_membership",
    "bodies",
    "body",
    "confirm_enrolment",
    "end_exporter_membership",
    "end_membership",
    "exporter_ids_of",
    "exporter_members",
    "find_invitation",
    "has_device",
    "held_exporters",
    "held_roles",
    "invite_to_body",
    "invite_to_exporter",
    "issue_second_factor",
    "load_bodies",
    "memberships_at",
    "memberships_of",
    "needs_two_factor",
    "require_fresh_2fa",
    "revoke_invitation",
    "start_enrolment",
    "start_membership",
    "verify_second_factor",
]


# -- bodies -----------------------------------------------------------------------------------


def body(code: str) -> Body:
    found = Body.objects.filter(code=code).first()
    if found is None:
        raise TarazError("accounts.unknown-body", body=code)
    return found


def bodies(active_only: bool = False):
    rows = Body.objects.all()
    return rows.filter(active=True) if active_only else rows


@dataclass
class BodiesLoad:
    """What `load_bodies` did (or, on a dry run, would do): codes created, changed, unchanged."""

    created: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


BODY_FIELDS = ("kind", "name_fa", "name_en", "province", "active")


def read_bodies_file(path: Path) -> list[dict[str, Any]]:
    """The `[[body]]` entries of a bodies file, checked: code, kind and both names given."""
    where = {"file": path.name}
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TarazError("accounts.bodies-file", **where, detail=str(exc)) from exc
    entries, seen = [], set()
    for i, item in enumerate(data.get("body", []), start=1):
        spot = {**where, "row": i}
        code = str(item.get("code", "")).strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,39}", code) or code in seen:
            raise TarazError("accounts.bodies-file", **spot, value=code, detail="code")
        if item.get("kind") not in BodyKind.values:
            raise TarazError("accounts.bodies-file", **spot, value=item.get("kind"), detail="kind")
        for name in ("name_fa", "name_en"):
            if not str(item.get(name, "")).strip():
                raise TarazError("accounts.bodies-file", **spot, column=name, detail=name)
        seen.add(code)
        entries.append(
            {
                "code": code,
                "kind": item["kind"],
                "name_fa": item["name_fa"].strip(),
                "name_en": item["name_en"].strip(),
                "province": str(item.get("province", "")).strip(),
                "active": bool(item.get("active", True)),
            }
        )
    if not entries:
        raise TarazError("accounts.bodies-file", **where, detail="no [[body]]")
    return entries


def load_bodies(path: Path | None = None, *, actor=None, dry_run: bool = False) -> BodiesLoad:
    """Create and update bodies from a data file (the packaged Yazd file by default)."""
    entries = read_bodies_file(Path(path) if path else BODIES_FILE)
    result = BodiesLoad()
    with transaction.atomic():
        for entry in entries:
            found = Body.objects.select_for_update().filter(code=entry["code"]).first()
            if found is None:
                result.created.append(entry["code"])
                if not dry_run:
                    new = Body.objects.create(**entry)
                    _record(Action.BODY_CHANGE, actor, f"body:{new.pk}", change="created", **entry)
                continue
            diff = {
                k: [getattr(found, k), entry[k]]
                for k in BODY_FIELDS
                if getattr(found, k) != entry[k]
            }
            if not diff:
                result.unchanged.append(entry["code"])
                continue
            result.changed[entry["code"]] = diff
            if not dry_run:
                for k, (_, new_value) in diff.items():
                    setattr(found, k, new_value)
                found.save()
                _record(
                    Action.BODY_CHANGE,
                    actor,
                    f"body:{found.pk}",
                    change="updated",
                    code=found.code,
                    **diff,
                )
    return result


# -- memberships ------------------------------------------------------------------------------


def start_membership(
    user, body: Body, role: str, *, actor, start: date | None = None
) -> Membership:
    """`user` holds `role` at `body` from `start` (today by default)."""
    role = Role(role)
    if role in ORGANIZATION_ROLES and body.kind != BodyKind.ORGANIZATION:
        raise TarazError("accounts.role-not-at-body", role=role.label, body=body.code)
    if role not in ORGANIZATION_ROLES | BODY_ROLES:  # pragma: no cover - every role is one
        raise TarazError("accounts.role-not-at-body", role=role.label, body=body.code)
    if not body.active:
        raise TarazError("accounts.body-inactive", body=body.code)
    start = start or timezone.localdate()
    with transaction.atomic():
        _lock_user(user)
        clash = Membership.objects.filter(user=user, body=body, role=role).filter(
            _overlapping(start)
        )
        if clash.exists():
            raise TarazError(
                "accounts.membership-exists",
                person=user.get_username(),
                role=role.label,
                body=body.code,
            )
        membership = Membership.objects.create(
            user=user, body=body, role=role, start=start, started_by=_person(actor)
        )
        _record(
            Action.MEMBERSHIP_START,
            actor,
            f"membership:{membership.pk}",
            person=user.get_username(),
            body=body.code,
            role=role.value,
            start=start,
        )
    forget(user)
    return membership


def end_membership(membership: Membership, *, actor, on: date | None = None, reason: str = ""):
    """The membership holds no more from `on` (today by default): a new fact, written once."""
    return _end(membership, actor=actor, on=on, reason=reason, action=Action.MEMBERSHIP_END)


def amend_membership(membership: Membership, *, actor, **changes: Any):
    """Editing a membership is refused, always; the attempt is in the audit trail."""
    _record(
        Action.MEMBERSHIP_EDIT,
        actor,
        f"membership:{membership.pk}",
        outcome="refused",
        fields=sorted(changes),
    )
    raise TarazError("accounts.ended-not-edited", fields=", ".join(sorted(changes)) or "-")


def memberships_of(user, on: date | None = None):
    """The user's memberships that hold on `on` (today), with their bodies."""
    return Membership.objects.current(on).filter(user=user).select_related("body")


def memberships_at(body: Body):
    """Every membership of a body, current and ended, with their people."""
    return (
        Membership.objects.filter(body=body).select_related("user").order_by("end", "role", "start")
    )


# -- exporters' people ------------------------------------------------------------------------


def add_exporter_member(user, exporter, role: str, *, actor, start: date | None = None):
    role = ExporterRole(role)
    start = start or timezone.localdate()
    with transaction.atomic():
        _lock_user(user)
        clash = ExporterMembership.objects.filter(user=user, exporter=exporter).filter(
            _overlapping(start)
        )
        if clash.exists():
            raise TarazError(
                "accounts.membership-exists",
                person=user.get_username(),
                role=role.label,
                body=exporter.card_number,
            )
        membership = ExporterMembership.objects.create(
            user=user, exporter=exporter, role=role, start=start, started_by=_person(actor)
        )
        _record(
            Action.MEMBERSHIP_START,
            actor,
            f"exporter-membership:{membership.pk}",
            person=user.get_username(),
            exporter=exporter.card_number,
            role=role.value,
            start=start,
        )
    forget(user)
    return membership


def end_exporter_membership(membership, *, actor, on: date | None = None, reason: str = ""):
    return _end(membership, actor=actor, on=on, reason=reason, action=Action.MEMBERSHIP_END)


def exporter_ids_of(user) -> list[int]:
    """The firms the user belongs to today."""
    return sorted(held_exporters(user))


def reviewing_body_ids(user) -> list[int]:
    """The bodies where the user is a reviewer or the head today (the bodies cases go to)."""
    return sorted({body for body, role in held_roles(user) if role in BODY_ROLES})


def people_at(body: Body, roles: tuple[str, ...]):
    """The active people who hold one of `roles` at `body` today."""
    held = Membership.objects.current(timezone.localdate()).filter(body=body, role__in=roles)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=held.values("user_id"))
        .order_by("pk")
    )


def organization_people(roles: tuple[str, ...]):
    """The active people who hold one of `roles` at the organization today."""
    held = Membership.objects.current(timezone.localdate()).filter(
        body__kind=BodyKind.ORGANIZATION, body__active=True, role__in=roles
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=held.values("user_id"))
        .order_by("pk")
    )


def exporter_people(exporter):
    """The active people of a firm today."""
    held = ExporterMembership.objects.current(timezone.localdate()).filter(exporter=exporter)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=held.values("user_id"))
        .order_by("pk")
    )


def exporter_members(exporter):
    """Every membership of a firm, current and ended."""
    return ExporterMembership.objects.filter(exporter=exporter).select_related("user")


# -- a second factor handed over ---------------------------------------------------------------


@dataclass(frozen=True)
class IssuedFactor:
    """A second factor made for a person without a code from their app: the authenticator's
    secret (base32) and `otpauth://` URI, and backup codes, each usable once."""

    secret: str
    uri: str
    backup_codes: list[str]


def issue_second_factor(user, *, backup_codes: int = 5) -> IssuedFactor:
    """A confirmed authenticator for `user` (kept if they have one) and fresh backup codes: for
    an account a command makes and hands over (the demo's signatory). Audited."""
    device, codes = issue_device(user, backup_codes=backup_codes)
    secret, uri = authenticator_key(device)
    return IssuedFactor(secret, uri, codes)


# -- invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation and its token: the token exists only here, shown once to its maker."""

    invitation: Invitation
    token: str


def invite_to_body(body: Body, role: str, *, actor, email: str = "", phone: str = "", days=None):
    role = Role(role)
    if role in ORGANIZATION_ROLES and body.kind != BodyKind.ORGANIZATION:
        raise TarazError("accounts.role-not-at-body", role=role.label, body=body.code)
    if not body.active:
        raise TarazError("accounts.body-inactive", body=body.code)
    return _invite(actor, email, phone, days, body=body, role=role)


def invite_to_exporter(exporter, role: str, *, actor, email: str = "", phone: str = "", days=None):
    return _invite(actor, email, phone, days, exporter=exporter, exporter_role=ExporterRole(role))


def clean_phone(text: str) -> str:
    """A mobile number as 11 digits from 09 (Persian digits, spaces, +98 and dashes taken)."""
    raw = to_latin_digits(str(text or "")).strip()
    digits = re.sub(r"[\s\-()]", "", raw)
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"09\d{9}", digits):
        raise TarazError("accounts.bad-phone", value=text)
    return digits


def _invite(actor, email: str, phone: str, days, **target) -> IssuedInvitation:
    email, phone = (email or "").strip(), (phone or "").strip()
    if not email and not phone:
        raise TarazError("accounts.invitation-address")
    phone = clean_phone(phone) if phone else ""
    token = secrets.token_urlsafe(32)
    days = settings.TARAZ_INVITATION_DAYS if days is None else days
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            phone=phone,
            token_hash=_token_hash(token),
            created_by=_person(actor),
            expires_at=timezone.now() + timedelta(days=days),
            **target,
        )
        _record(Action.INVITE, actor, invitation.subject, **_invitation_detail(invitation))
    return IssuedInvitation(invitation, token)


def find_invitation(token: str) -> Invitation:
    """The invitation a token opens, if it can still be used; the catalogue's error if not."""
    invitation = Invitation.objects.filter(token_hash=_token_hash(token or "")).first()
    _check_usable(invitation)
    return invitation


def accept_invitation(token: str, user, *, ip: str | None = None):
    """`user` takes up the invitation: a membership (of the body or the firm) from today. The
    invitation is used up, whatever happens next."""
    found = Invitation.objects.filter(token_hash=_token_hash(token or "")).first()
    try:
        return _accept(found, user, ip)
    except TarazError as exc:
        if found is not None:  # recorded after the refused transaction has rolled back
            audit_trail.record(
                Action.INVITE_ACCEPT,
                user,
                outcome="refused",
                subject=found.subject,
                ip=ip,
                code=exc.code,
            )
        raise


def _accept(found: Invitation | None, user, ip: str | None):
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().get(pk=found.pk) if found is not None else None
        )
        _check_usable(invitation)
        invitation.used_at = timezone.now()
        invitation.used_by = user
        invitation.save(update_fields=["used_at", "used_by"])
        if invitation.email and not user.email:
            user.email = invitation.email
            user.save(update_fields=["email"])
        audit_trail.record(
            Action.INVITE_ACCEPT,
            user,
            subject=invitation.subject,
            ip=ip,
            **_invitation_detail(invitation),
        )
        if invitation.body_id is not None:
            return start_membership(user, invitation.body, invitation.role, actor=user)
        return add_exporter_member(user, invitation.exporter, invitation.exporter_role, actor=user)


def revoke_invitation(invitation: Invitation, *, actor) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_usable(invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _record(Action.INVITE_REVOKE, actor, invitation.subject)
    return invitation


def create_invited_account(username: str, password: str):
    """A new account for someone who opened an invitation (no staff flag, no role yet)."""
    User = get_user_model()
    name = User.normalize_username(username.strip())
    if User.objects.filter(username__iexact=name).exists():
        raise TarazError("accounts.username-taken", username=name)
    try:
        with transaction.atomic(), audit_trail.acting(name, via="invitation"):
            return User.objects.create_user(name, password=password)
    except IntegrityError as exc:
        raise TarazError("accounts.username-taken", username=name) from exc


def _check_usable(invitation: Invitation | None) -> None:
    if invitation is None:
        raise TarazError("accounts.invitation-unknown")
    if invitation.used_at is not None:
        raise TarazError("accounts.invitation-used")
    if invitation.revoked_at is not None:
        raise TarazError("accounts.invitation-revoked")
    if invitation.expires_at <= timezone.now():
        raise TarazError(
            "accounts.invitation-expired", expired=timezone.localdate(invitation.expires_at)
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _invitation_detail(invitation: Invitation) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "email": invitation.email,
        "phone": invitation.phone,
        "expires_at": invitation.expires_at,
    }
    if invitation.body_id is not None:
        detail.update(body=invitation.body.code, role=invitation.role)
    else:
        detail.update(exporter=invitation.exporter.card_number, role=invitation.exporter_role)
    return detail


# -- shared -----------------------------------------------------------------------------------


def _end(membership, *, actor, on, reason, action):
    on = on or timezone.localdate()
    model = type(membership)
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=membership.pk)
        if row.end is not None:
            raise TarazError("accounts.already-ended", end=row.end)
        if on < row.start:
            raise TarazError("accounts.end-before-start", end=on, start=row.start)
        row.end, row.ended_by, row.ended_at, row.end_reason = (
            on,
            _person(actor),
            timezone.now(),
            reason[:200],
        )
        row.save()
        _record(action, actor, f"{model._meta.model_name}:{row.pk}", end=on, reason=row.end_reason)
    forget(row.user)
    return row


def _overlapping(start: date):
    from django.db.models import Q

    return Q(end__isnull=True) | Q(end__gt=start)


def _lock_user(user) -> None:
    """Serialise changes of one person's memberships (two clicks give one membership)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _record(action: str, actor, subject: str, *, outcome: str = "ok", **detail: Any) -> None:
    """One audit event by a person (a request's user) or by the actor of the moment."""
    if _person(actor) is not None:
        audit_trail.record(action, actor, outcome=outcome, subject=subject, **detail)
    else:
        audit_trail.record_as_actor(action, subject=subject, outcome=outcome, **detail)
