"""The exporters' registry: what other apps and this app's pages and commands may do. The only
writer of its rows; every change is in the audit trail, as done by the person who made it.

`visible_exporters(user)` is the queryset that matches `permissions.can_view_exporter`: a
firm's own people see their firm only, the organization's people every firm, anyone else none;
a firm outside it answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taraz.errors import TarazError
from taraz.ingest.sizes import SizeSpan
from taraz.reference import clean_hs_code, load_reference
from taraz.web.accounts import services as accounts
from taraz.web.audit import services as audit_trail
from taraz.web.exporters import permissions as may
from taraz.web.exporters.identifiers import (
    card_province,
    clean_card_number,
    clean_national_id,
)
from taraz.web.exporters.loading import LoadReport
from taraz.web.exporters.loading import load as load_file
from taraz.web.exporters.models import (
    Exporter,
    HsLine,
    Market,
    MarketStatus,
    SizeClass,
    SizeDeclaration,
)
from taraz.web.exporters.size_bands import MAX_EMPLOYEES, size_bands

Action = audit_trail.Action
HS_LENGTHS = (4, 6, 8)
PROFILE_FIELDS = ("name_fa", "name_en", "city")
IDENTITY_FIELDS = ("national_id", "card_expires")  # an officer's to correct

__all__ = [
    "Exporter",
    "LoadReport",
    "MarketStatus",
    "SizeClass",
    "add_hs_line",
    "clean_card_number",
    "clean_national_id",
    "current_markets",
    "declare_size",
    "exporter_for",
    "hs_lines",
    "load_file",
    "register_exporter",
    "remove_hs_line",
    "set_market",
    "size_class_on",
    "size_history",
    "size_spans",
    "update_profile",
    "verify_exporter",
    "visible_exporters",
]


# -- who sees what ----------------------------------------------------------------------------


def visible_exporters(user) -> QuerySet[Exporter]:
    """The firms `user` may see (the queryset of `can_view_exporter`)."""
    if not getattr(user, "is_authenticated", False):
        return Exporter.objects.none()
    if may.can_list_exporters.test(user):
        return Exporter.objects.all()
    return Exporter.objects.filter(pk__in=accounts.exporter_ids_of(user))


def exporter_for(user, pk: int) -> Exporter:
    """The firm, if `user` may see it; 404 otherwise, whether or not it exists."""
    found = visible_exporters(user).filter(pk=pk).first()
    if found is None:
        raise Http404("exporters.unknown")
    return found


# -- the registry -----------------------------------------------------------------------------


def register_exporter(
    *,
    card_number: str,
    name_fa: str,
    actor,
    name_en: str = "",
    national_id: str = "",
    card_expires: date | None = None,
    city: str = "",
) -> Exporter:
    card = clean_card_number(card_number)
    nid = clean_national_id(national_id) if national_id else ""
    with transaction.atomic():
        _refuse_duplicates(card, nid)
        try:
            with transaction.atomic():
                exporter = Exporter.objects.create(
                    card_number=card,
                    national_id=nid,
                    name_fa=name_fa.strip(),
                    name_en=name_en.strip(),
                    card_expires=card_expires,
                    city=city.strip(),
                    province=card_province(card),
                )
        except IntegrityError as exc:
            raise TarazError("exporters.card-exists", card=card) from exc
        _record(
            Action.EXPORTER_CREATE,
            actor,
            exporter,
            card_number=card,
            national_id=nid,
            name_fa=exporter.name_fa,
            name_en=exporter.name_en,
            card_expires=card_expires,
            city=exporter.city,
        )
    return exporter


def update_profile(exporter: Exporter, *, actor, **fields: Any) -> Exporter:
    """Change the names and city (the firm's people or an officer); the national id and the
    card's expiry (an officer only). Nothing changes without a difference; the audit keeps
    each field before and after."""
    allowed = set(PROFILE_FIELDS)
    if may.can_verify_exporter.test(actor):
        allowed |= set(IDENTITY_FIELDS)
    if fields.get("national_id"):
        fields["national_id"] = clean_national_id(fields["national_id"])
    with transaction.atomic():
        row = Exporter.objects.select_for_update().get(pk=exporter.pk)
        changed = {}
        for name, value in fields.items():
            if name not in allowed:
                continue
            value = value.strip() if isinstance(value, str) else value
            if getattr(row, name) != value:
                changed[name] = [getattr(row, name), value]
                setattr(row, name, value)
        if "national_id" in changed and row.national_id:
            _refuse_duplicates(None, row.national_id, other_than=row.pk)
        if changed:
            row.save()
            _record(Action.EXPORTER_CHANGE, actor, row, **changed)
    return row


def verify_exporter(exporter: Exporter, *, actor) -> Exporter:
    """An officer has checked the firm's card and papers: who and when are recorded."""
    with transaction.atomic():
        row = Exporter.objects.select_for_update().get(pk=exporter.pk)
        if row.verified_at is not None:
            raise TarazError("exporters.already-verified", at=timezone.localdate(row.verified_at))
        row.verified_by, row.verified_at = actor, timezone.now()
        row.save(update_fields=["verified_by", "verified_at"])
        _record(Action.EXPORTER_VERIFY, actor, row, card_number=row.card_number)
    return row


def _refuse_duplicates(card: str | None, national_id: str, other_than: int | None = None) -> None:
    others = Exporter.objects.exclude(pk=other_than) if other_than else Exporter.objects.all()
    if card and others.filter(card_number=card).exists():
        raise TarazError("exporters.card-exists", card=card)
    if national_id and others.filter(national_id=national_id).exists():
        raise TarazError("exporters.national-id-exists", national_id=national_id)


# -- size over time ---------------------------------------------------------------------------


def clean_employees(value: object) -> int:
    from taraz.fa import to_latin_digits

    text = (
        to_latin_digits(str(value if value is not None else ""))
        .strip()
        .replace(",", "")
        .replace("٬", "")
    )
    if not text.isdigit() or not text.isascii() or int(text) > MAX_EMPLOYEES:
        raise TarazError("exporters.bad-employees", value=str(value), max=MAX_EMPLOYEES)
    return int(text)


def declare_size(exporter: Exporter, employees: object, *, actor, on: date | None = None):
    """The firm declares its employees on a day; the bands in force class it."""
    count = clean_employees(employees)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise TarazError("exporters.declared-in-future", day=on)
    bands = size_bands()
    with transaction.atomic():
        row = SizeDeclaration.objects.create(
            exporter=exporter,
            employees=count,
            declared_on=on,
            size_class=bands.classify(count),
            bands=bands.label,
            recorded_by=_person(actor),
        )
        _record(
            Action.SIZE_DECLARE,
            actor,
            exporter,
            employees=count,
            declared_on=on,
            size_class=row.size_class,
            bands=bands.label,
        )
    return row


def size_history(exporter: Exporter) -> list[SizeDeclaration]:
    """Every declaration, newest first (by the day declared, then by when recorded)."""
    return list(exporter.sizes.order_by("-declared_on", "-recorded_at", "-id"))


def size_class_on(exporter: Exporter, day: date) -> str | None:
    """The class in force on `day`: that of the latest declaration on or before it."""
    row = (
        exporter.sizes.filter(declared_on__lte=day)
        .order_by("-declared_on", "-recorded_at", "-id")
        .first()
    )
    return row.size_class if row else None


def size_spans() -> list[SizeSpan]:
    """Every firm's size class over time as the warehouse's spans (`sme` or `large`, by the
    bands' `warehouse` word of each class): each declaration holds from its day to the day
    before the firm's next one (the last stays open), a day's latest declaration winning;
    consecutive declarations of the same warehouse class make one span. What
    `taraz exporters export-sizes` writes and `taraz import-sizes` loads (docs/sizes.md)."""
    word = {band.size_class: band.warehouse for band in size_bands().bands}
    rows = SizeDeclaration.objects.select_related("exporter").order_by(
        "exporter__card_number", "declared_on", "recorded_at", "id"
    )
    days: dict[str, dict[date, str]] = {}
    for row in rows:  # later rows of the same day overwrite earlier ones
        days.setdefault(row.exporter.card_number, {})[row.declared_on] = word[row.size_class]
    spans: list[SizeSpan] = []
    for card, by_day in days.items():
        merged: list[tuple[date, str]] = []
        for day, size in sorted(by_day.items()):
            if not merged or merged[-1][1] != size:
                merged.append((day, size))
        for i, (day, size) in enumerate(merged):
            end = merged[i + 1][0] - timedelta(days=1) if i + 1 < len(merged) else None
            spans.append(SizeSpan(card, size, day, end))
    return spans


# -- HS lines ---------------------------------------------------------------------------------


def clean_hs_line(text: object) -> str:
    """An HS code of 4, 6 or 8 digits whose heading or subheading (its first 6, or 4, digits)
    is in the reference's HS list: Iran's 8-digit tariff lines are checked by their 6-digit
    subheading, as the reference lists the international HS."""
    try:
        code = clean_hs_code(str(text))
    except ValueError as exc:
        raise TarazError("exporters.bad-hs", value=str(text)) from exc
    if len(code) not in HS_LENGTHS:
        raise TarazError("exporters.bad-hs", value=str(text))
    if code[: min(len(code), 6)] not in load_reference().hs:
        raise TarazError("exporters.unknown-hs", value=code)
    return code


def hs_lines(exporter: Exporter):
    return exporter.hs_lines.filter(removed_at__isnull=True).order_by("hs_code")


def add_hs_line(exporter: Exporter, code: object, *, actor) -> HsLine:
    hs = clean_hs_line(code)
    with transaction.atomic():
        Exporter.objects.select_for_update().filter(pk=exporter.pk).first()
        if hs_lines(exporter).filter(hs_code=hs).exists():
            raise TarazError("exporters.hs-exists", value=hs)
        line = HsLine.objects.create(exporter=exporter, hs_code=hs, added_by=_person(actor))
        _record(Action.HS_LINE_CHANGE, actor, exporter, added=hs)
    return line


def remove_hs_line(exporter: Exporter, code: object, *, actor) -> HsLine:
    hs = clean_hs_code(str(code)) if str(code).strip() else ""
    with transaction.atomic():
        line = hs_lines(exporter).select_for_update().filter(hs_code=hs).first()
        if line is None:
            raise TarazError("exporters.hs-not-listed", value=str(code))
        line.removed_at, line.removed_by = timezone.now(), _person(actor)
        line.save(update_fields=["removed_at", "removed_by"])
        _record(Action.HS_LINE_CHANGE, actor, exporter, removed=hs)
    return line


# -- markets ----------------------------------------------------------------------------------


def clean_country(text: object) -> str:
    code = load_reference().find_country(str(text or "").strip())
    if code is None:
        raise TarazError("exporters.unknown-country", value=str(text))
    return code


def set_market(exporter: Exporter, country: object, status: str, *, actor, on: date | None = None):
    """The firm's stance on a country from `on` (today): a new row; the old ones stay."""
    code = clean_country(country)
    status = MarketStatus(status)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise TarazError("exporters.declared-in-future", day=on)
    with transaction.atomic():
        Exporter.objects.select_for_update().filter(pk=exporter.pk).first()
        now = _market_on(exporter, code, on)
        if now is not None and now.status == status:
            raise TarazError("exporters.market-unchanged", country=code)
        row = Market.objects.create(
            exporter=exporter, country=code, status=status, on=on, recorded_by=_person(actor)
        )
        _record(
            Action.MARKET_CHANGE,
            actor,
            exporter,
            country=code,
            status=status.value,
            on=on,
            before=now.status if now else None,
        )
    return row


def _market_on(exporter: Exporter, country: str, day: date) -> Market | None:
    return (
        exporter.markets.filter(country=country, on__lte=day)
        .order_by("-on", "-recorded_at", "-id")
        .first()
    )


def current_markets(exporter: Exporter, day: date | None = None) -> list[Market]:
    """The status in force on `day` (today) for each country the firm has named."""
    day = day or timezone.localdate()
    latest: dict[str, Market] = {}
    for row in exporter.markets.filter(on__lte=day).order_by(
        "country", "-on", "-recorded_at", "-id"
    ):
        latest.setdefault(row.country, row)
    return sorted(latest.values(), key=lambda m: (m.status, m.country))


def market_history(exporter: Exporter) -> list[Market]:
    return list(exporter.markets.order_by("-on", "-recorded_at", "-id"))


# -- shared -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A count of firms by what the registry holds, for pages and tests."""

    total: int
    verified: int


def registry_counts() -> Found:
    rows = Exporter.objects.all()
    return Found(rows.count(), rows.filter(~Q(verified_at=None)).count())


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _record(action: str, actor, exporter: Exporter, **detail: Any) -> None:
    if _person(actor) is not None:
        audit_trail.record(action, actor, subject=exporter.subject, **detail)
    else:
        audit_trail.record_as_actor(action, subject=exporter.subject, **detail)
