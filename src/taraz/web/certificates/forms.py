"""The certificates' forms; every message from the catalogue, every label a wording key."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from taraz.credentials.summary import reason_name
from taraz.web.form_messages import CatalogueForm
from taraz.web.site.services import current_lang


class ReasonForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"reason": "cert.reason"}
    reason = forms.ChoiceField()

    def __init__(self, *args, reasons=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [
            (r.value, reason_name(r.value, current_lang())) for r in reasons
        ]


class EmptyForm(CatalogueForm):
    """A change that asks nothing more (reinstate, issue)."""


class CheckForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "number": "cert.number",
        "check_code": "cert.check_code",
        "card": "cert.card_if_any",
    }
    number = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"dir": "ltr"}))
    check_code = forms.CharField(max_length=8, widget=forms.TextInput(attrs={"dir": "ltr"}))
    card = forms.CharField(
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
