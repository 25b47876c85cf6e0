"""The exporters' forms; every message from the catalogue (`taraz.web.form_messages`)."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError

from taraz.errors import TarazError
from taraz.web.accounts.services import ExporterRole
from taraz.web.exporters.models import MarketStatus
from taraz.web.form_messages import CatalogueForm
from taraz.web.site.services import current_lang, say


class DayField(forms.CharField):
    """A day as people write it (Jalali or Gregorian); empty: None."""

    def clean(self, value):
        from taraz.calendar import parse_day

        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_day(text)
        except TarazError as exc:
            raise ValidationError(exc.message(current_lang())) from exc


class ProfileForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "name_fa": "exporter.name_fa",
        "name_en": "exporter.name_en",
        "city": "exporter.city",
        "national_id": "exporter.national_id",
        "card_expires": "exporter.card_expires",
    }
    name_fa = forms.CharField(max_length=200)
    name_en = forms.CharField(max_length=200, required=False)
    city = forms.CharField(max_length=100, required=False)
    national_id = forms.CharField(max_length=20, required=False)
    card_expires = DayField(max_length=20, required=False)

    def __init__(self, *args, officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not officer:
            del self.fields["national_id"]
            del self.fields["card_expires"]


class SizeForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "employees": "exporter.employees",
        "declared_on": "exporter.declared_on",
    }
    employees = forms.IntegerField(min_value=0, max_value=10_000_000)
    declared_on = DayField(max_length=20, required=False)


class HsForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"hs_code": "exporter.hs_code"}
    hs_code = forms.CharField(max_length=20)


class MarketForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "country": "exporter.country",
        "status": "exporter.market_status",
        "on": "exporter.market_on",
    }
    country = forms.CharField(max_length=80)
    status = forms.ChoiceField()
    on = DayField(max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s.value, say(f"exporter.market_name.{s.value}")) for s in MarketStatus
        ]


class InviteMemberForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "email": "account.email",
        "phone": "account.phone",
        "role": "exporter.role",
    }
    email = forms.EmailField(required=False, max_length=254)
    phone = forms.CharField(required=False, max_length=20)
    role = forms.ChoiceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (r.value, say(f"account.role_name.{r.value}")) for r in ExporterRole
        ]

    def clean(self):
        from taraz.errors import message

        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise ValidationError(message("accounts.invitation-address", current_lang()))
        return data
