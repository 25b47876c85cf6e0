"""What the server computes before anyone asks: the dashboard's opening selection only (every
other selection is computed when first asked)."""

from __future__ import annotations

import gc

import pytest

from taraz.web import figures
from taraz.web.hub import hub
from taraz.web.prewarm import prewarm
from taraz.web.selection import Selection, default_period
from taraz.web.startup import COLLECTOR_THRESHOLDS, worker_started
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


@pytest.mark.django_db
def test_the_start_up_sets_what_it_loaded_apart_from_the_collector(warehouse, settings):
    # the server's full collector passes stalled first requests (bench/README-web.md): once up,
    # what start-up loaded is frozen and the collector runs less often
    settings.TARAZ_PREWARM = False
    thresholds = gc.get_threshold()
    gc.unfreeze()
    try:
        worker_started()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS != thresholds
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
