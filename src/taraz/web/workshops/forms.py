"""The workshops' forms; every message from the catalogue, every label a wording key."""

from __future__ import annotations

import re
from datetime import datetime, time
from decimal import Decimal
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError

from taraz.errors import TarazError
from taraz.fa import to_persian_digits
from taraz.web.form_messages import CatalogueForm
from taraz.web.site.services import current_lang
from taraz.web.workshops.services import EVENT_FIELDS

LTR = {"dir": "ltr"}


_TIME = re.compile(r"(\d{1,2}):(\d{2})")


class MomentField(forms.CharField):
    """A date and time as people write them, in Tehran's time: a Jalali day (`1405/09/20`,
    `۱۴۰۵/۰۹/۲۰`) or a Gregorian one (`2026-12-11`), then the time (`10:30`). Shown back as a
    Jalali day and time, in Persian digits on a Persian page."""

    def __init__(self, **kwargs):
        attrs = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(max_length=40, widget=forms.TextInput(attrs), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime):
            from taraz.calendar import gregorian_to_jalali
            from taraz.calendar.moments import local_zone

            local = value.astimezone(local_zone())
            y, m, d = gregorian_to_jalali(local.date())
            text = f"{y:04d}/{m:02d}/{d:02d} {local:%H:%M}"
            return to_persian_digits(text) if current_lang() == "fa" else text
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        moment = parse_moment_text(text)
        if moment is None:
            error = TarazError("workshops.bad-moment", value=text)
            raise ValidationError(error.message(current_lang()))
        return moment


def parse_moment_text(text: str) -> datetime | None:
    """`1405/09/20 10:30`, `۱۴۰۵/۰۹/۲۰ ۱۰:۳۰`, `2026-12-11 10:30` or `2026-12-11T10:30` in Tehran's
    time; None when it is not such a day and time."""
    from taraz.calendar import parse_day
    from taraz.calendar.moments import local_zone
    from taraz.fa import to_latin_digits

    parts = to_latin_digits(text).strip().replace("T", " ").split()
    if len(parts) != 2:
        return None
    found = _TIME.fullmatch(parts[1])
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        return None
    try:
        day = parse_day(parts[0])
    except TarazError:
        return None
    return datetime.combine(day, time(int(found[1]), int(found[2])), tzinfo=local_zone())


def _when() -> MomentField:
    return MomentField()


class EventForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {name: f"ws.field.{name}" for name in EVENT_FIELDS}
    title_fa = forms.CharField(max_length=200)
    title_en = forms.CharField(max_length=200, required=False, widget=forms.TextInput(LTR))
    summary_fa = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    summary_en = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    )
    topics = forms.CharField(max_length=500, required=False)
    hs_chapters = forms.CharField(max_length=200, required=False, widget=forms.TextInput(LTR))
    markets = forms.CharField(max_length=200, required=False, widget=forms.TextInput(LTR))
    venue_fa = forms.CharField(max_length=200, required=False)
    venue_en = forms.CharField(max_length=200, required=False, widget=forms.TextInput(LTR))
    online = forms.BooleanField(required=False)
    online_url = forms.URLField(required=False, assume_scheme="https", widget=forms.URLInput(LTR))
    capacity = forms.IntegerField(min_value=1, max_value=100_000)
    registration_opens = _when()
    registration_closes = _when()
    sme_priority = forms.BooleanField(required=False)
    attendance_threshold = forms.DecimalField(
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        decimal_places=2,
        initial=Decimal("0.75"),
        widget=forms.NumberInput(attrs={"step": "0.05", "dir": "ltr"}),
    )


class SessionForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "starts_at": "ws.field.starts_at",
        "ends_at": "ws.field.ends_at",
        "title_fa": "ws.field.session_fa",
        "title_en": "ws.field.session_en",
    }
    starts_at = _when()
    ends_at = _when()
    title_fa = forms.CharField(max_length=200, required=False)
    title_en = forms.CharField(max_length=200, required=False, widget=forms.TextInput(LTR))


class PublicRegistrationForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "name": "ws.field.name",
        "email": "ws.field.email",
        "phone": "ws.field.phone",
    }
    name = forms.CharField(max_length=150)
    email = forms.EmailField(max_length=200, widget=forms.EmailInput(LTR))
    phone = forms.CharField(max_length=20, required=False, widget=forms.TextInput(LTR))


class FirmRegistrationForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"firm": "ws.field.firm"}
    firm = forms.ChoiceField()

    def __init__(self, *args, firms=(), lang: str = "fa", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["firm"].choices = [
            (str(f.pk), f.name_fa if lang == "fa" else (f.name_en or f.name_fa)) for f in firms
        ]


class AttendanceForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"present": "ws.field.present"}
    present = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), r.name) for r in people]


class FeedbackForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "rating": "ws.field.rating",
        "comment": "ws.field.comment",
    }
    rating = forms.TypedChoiceField(
        coerce=int, choices=[(str(n), str(n)) for n in range(1, 6)], widget=forms.RadioSelect
    )
    comment = forms.CharField(max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fa = current_lang() == "fa"
        self.fields["rating"].choices = [
            (str(n), to_persian_digits(str(n)) if fa else str(n)) for n in range(1, 6)
        ]
