"""The accounts' forms; every message from the catalogue (`taraz.web.form_messages`)."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from taraz.calendar import parse_day
from taraz.errors import TarazError, message
from taraz.web.accounts.models import BODY_ROLES, ORGANIZATION_ROLES, BodyKind, ExporterRole, Role
from taraz.web.form_messages import CatalogueForm
from taraz.web.site.services import current_lang, say


def role_choices(body=None) -> list[tuple[str, str]]:
    allowed = (
        ORGANIZATION_ROLES | BODY_ROLES
        if body is None or body.kind == BodyKind.ORGANIZATION
        else BODY_ROLES
    )
    return [(r.value, say(f"account.role_name.{r.value}")) for r in Role if r in allowed]


def exporter_role_choices() -> list[tuple[str, str]]:
    return [(r.value, say(f"account.role_name.{r.value}")) for r in ExporterRole]


class DayField(forms.CharField):
    """A day as people write it (Jalali or Gregorian, `taraz.calendar.parse_day`); empty: None."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_day(text)
        except TarazError as exc:
            raise ValidationError(exc.message(current_lang())) from exc


class CodeForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"code": "account.code"}
    code = forms.CharField(
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class StartMembershipForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "username": "account.username",
        "role": "account.role",
        "start": "account.start_day",
    }
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField()
    start = DayField(max_length=20, required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(body)


class EndMembershipForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"reason": "account.end_reason"}
    reason = forms.CharField(max_length=200, required=False)


class InviteForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "email": "account.email",
        "phone": "account.phone",
        "role": "account.role",
    }
    email = forms.EmailField(required=False, max_length=254)
    phone = forms.CharField(required=False, max_length=20)
    role = forms.ChoiceField()

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = choices or role_choices()

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise ValidationError(message("accounts.invitation-address", current_lang()))
        return data


class NewAccountForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "username": "account.username",
        "password1": "account.password",
        "password2": "account.password_again",
    }
    username = forms.CharField(max_length=150)
    password1 = forms.CharField(
        max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        lang = current_lang()
        if one and two and one != two:
            self.add_error("password2", message("form.passwords-differ", lang))
        elif one:
            try:
                validate_password(one)
            except ValidationError as exc:
                self.add_error(
                    "password1", message("form.bad-password", lang, reasons=" ".join(exc.messages))
                )
        return data
