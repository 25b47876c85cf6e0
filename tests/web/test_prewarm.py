"""What the server computes before anyone asks: the dashboard's opening selection only (every
other selection is computed when first asked)."""

from __future__ import annotations

from taraz.web import figures
from taraz.web.hub import hub
from taraz.web.prewarm import prewarm
from taraz.web.selection import Selection, default_period
from tests.fixtures import YAZD


def test_the_start_up_computes_the_opening_selection_only(warehouse, settings):
    settings.TARAZ_DEFAULT_PROVINCE = YAZD
    cache = figures.cache()
    cache.clear()
    before = cache.misses
    assert prewarm() == 1
    assert cache.misses == before + 1
    period = default_period(hub().span().last)
    figures.bulletin(Selection(province=YAZD, period=period))  # kept: no computation
    assert cache.misses == before + 1
    figures.bulletin(Selection(province=None, period=period))  # the whole country: computed now
    assert cache.misses == before + 2
