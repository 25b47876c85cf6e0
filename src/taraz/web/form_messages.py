"""Forms whose every message comes from the error catalogue, in the page's language: a field
left empty, too long, not a choice, not a number, not an e-mail address; and a service's
`TarazError` put on the field it is about. Labels are wording keys of the site."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from taraz.errors import TarazError, message
from taraz.web.site.services import current_lang, say


class CatalogueForm(forms.Form):
    """A form whose fields are labelled by wording keys (`label_keys`) and whose messages are
    the catalogue's `form.*` entries."""

    label_keys: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        for name, field in self.fields.items():
            key = self.label_keys.get(name)
            label = say(key, lang) if key else (field.label or name)
            field.label = label
            field.error_messages = {**field.error_messages, **_messages(field, label, lang)}

    def refuse(self, field: str | None, exc: TarazError) -> None:
        """Put a service's refusal on a field (or on the form), in the page's language."""
        self.add_error(field, exc.message(current_lang()))


def _messages(field: forms.Field, label: str, lang: str) -> dict[str, str]:
    def text(code: str, **fields) -> str:
        # Django fills its own %(...)s placeholders into these; ours has none left
        return message(code, lang, field=label, **fields).replace("%", "%%")

    out = {
        "required": text("form.required"),
        "invalid_choice": text("form.bad-choice", value="…"),
    }
    max_length = getattr(field, "max_length", None)
    if max_length:
        out["max_length"] = text("form.too-long", max=max_length)
    if isinstance(field, forms.EmailField):
        out["invalid"] = text("form.bad-email", value="…")
    elif isinstance(field, forms.IntegerField):
        low = field.min_value if field.min_value is not None else 0
        high = field.max_value if field.max_value is not None else 10**9
        number = text("form.bad-number", min=low, max=high)
        out.update(invalid=number, min_value=number, max_value=number)
    return out
