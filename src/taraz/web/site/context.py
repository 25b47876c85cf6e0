"""What every page's shell needs: the language, its direction, the other language's address."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, translate_url

from taraz.web.site.wording import current_lang


@lru_cache(maxsize=4096)
def _translated_path(path: str, lang: str, other: str, urlconf: str) -> str:
    """`translate_url` of a path (no query) while `lang` is active. It resolves the path against
    every route (about half a millisecond a page) and depends on nothing else than its key: so
    it is kept, least recently used dropped."""
    return translate_url(path, other)


def other_lang_url(request, lang: str, other: str) -> str:
    """The same page in the other language, its query kept (as `translate_url` keeps it)."""
    path, sep, query = request.get_full_path().partition("?")
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _translated_path(path, lang, other, urlconf) + sep + query


def site(request):
    lang = current_lang()
    other = "en" if lang == "fa" else "fa"
    return {
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "name_key": f"name_{lang}",
        "label_key": f"label_{lang}",
        "other_lang": other,
        "other_lang_url": other_lang_url(request, lang, other),
        "other_lang_name": "English" if other == "en" else "فارسی",
    }
