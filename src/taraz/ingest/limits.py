"""The limits an import works within, from the environment: the share of a cell's value or
lines a revision may take away before it is held for confirmation."""

from __future__ import annotations

import os

from taraz.errors import UsageError

HOLD_SHARE_VARIABLE = "TARAZ_REVISION_HOLD"
DEFAULT_HOLD_SHARE = 0.5


def revision_hold_share() -> float:
    """`$TARAZ_REVISION_HOLD` (a share from 0 to 1), else one half."""
    text = os.environ.get("TARAZ_REVISION_HOLD", "").strip()
    if not text:
        return DEFAULT_HOLD_SHARE
    try:
        share = float(text)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise UsageError("ingest.bad-hold-share", name=HOLD_SHARE_VARIABLE, value=text)
    return share
