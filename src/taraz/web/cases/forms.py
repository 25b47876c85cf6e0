"""The cases' forms; every message from the catalogue (`taraz.web.form_messages`), every label
a wording key."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from taraz.web.cases.models import Advice
from taraz.web.form_messages import CatalogueForm
from taraz.web.site.services import current_lang, say

TEXT = 4000


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "dir": "auto"})


class NewCaseForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "exporter": "case.firm",
        "subject": "case.subject",
        "hs_code": "case.hs_code",
        "destination": "case.destination",
        "quantity": "case.quantity",
    }
    exporter = forms.ChoiceField()
    subject = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    hs_code = forms.CharField(max_length=10, required=False)
    destination = forms.CharField(max_length=2, required=False)
    quantity = forms.CharField(max_length=60, required=False)

    def __init__(self, *args, firms=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        self.fields["exporter"].choices = [
            (str(f.pk), f.name_fa if lang == "fa" else (f.name_en or f.name_fa)) for f in firms
        ]
        self.fields["hs_code"].widget.attrs.update(inputmode="numeric", dir="ltr")
        self.fields["destination"].widget.attrs.update(dir="ltr", placeholder="IQ")


class UploadForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"kind": "case.document_kind", "file": "case.file"}
    kind = forms.ChoiceField()
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
    )

    def __init__(self, *args, documents=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        choices = [(d["code"], d["name_fa"] if lang == "fa" else d["name_en"]) for d in documents]
        choices += [("report", say("case.kind_report")), ("other", say("case.kind_other"))]
        self.fields["kind"].choices = choices


class ReasonsForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"reasons": "case.reasons"}
    reasons = forms.CharField(max_length=TEXT, widget=_area())


class OptionalReasonsForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"reasons": "case.reasons_optional"}
    reasons = forms.CharField(max_length=TEXT, required=False, widget=_area(2))


class RouteForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"bodies": "case.route_to"}
    bodies = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, bodies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        self.fields["bodies"].choices = [(b.code, b.name(lang)) for b in bodies]


class AskForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"question": "case.question"}
    question = forms.CharField(max_length=TEXT, widget=_area())


class AnswerForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"answer": "case.answer"}
    answer = forms.CharField(max_length=TEXT, widget=_area())


class AdviseForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {"advice": "case.advice", "reasons": "case.reasons"}
    advice = forms.ChoiceField(widget=forms.RadioSelect)
    reasons = forms.CharField(max_length=TEXT, required=False, widget=_area())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advice"].choices = [(a, say(f"case.advice_name.{a}")) for a in Advice.values]


class EmptyForm(CatalogueForm):
    """A step that needs no input: its button."""


FORMS = {
    "submit": EmptyForm,
    "take": EmptyForm,
    "return": ReasonsForm,
    "resubmit": EmptyForm,
    "route": RouteForm,
    "ask": AskForm,
    "answer": AnswerForm,
    "advise": AdviseForm,
    "countersign": EmptyForm,
    "escalate": EmptyForm,
    "approve": OptionalReasonsForm,
    "refuse": ReasonsForm,
    "withdraw": OptionalReasonsForm,
    "lapse": EmptyForm,
}


class ClosureForm(CatalogueForm):
    label_keys: ClassVar[dict[str, str]] = {
        "day": "closure.day",
        "reason_fa": "closure.reason_fa",
        "reason_en": "closure.reason_en",
    }
    day = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "1405/05/12"})
    )
    reason_fa = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"dir": "rtl"}))
    reason_en = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"dir": "ltr"}))

    def clean_day(self):
        from django.core.exceptions import ValidationError

        from taraz.calendar import parse_day
        from taraz.errors import TarazError

        try:
            return parse_day(self.cleaned_data["day"])
        except TarazError as exc:
            raise ValidationError(exc.message(current_lang())) from exc
