"""What every page's shell needs: the language, its direction, the other language's address."""

from __future__ import annotations

from django.urls import translate_url

from taraz.web.site.wording import current_lang


def site(request):
    lang = current_lang()
    other = "en" if lang == "fa" else "fa"
    return {
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "name_key": f"name_{lang}",
        "label_key": f"label_{lang}",
        "other_lang": other,
        "other_lang_url": translate_url(request.get_full_path(), other),
        "other_lang_name": "English" if other == "en" else "فارسی",
    }
