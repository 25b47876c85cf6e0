"""Attribution: a province's trade by the origin of the goods against the province of the
customs office that cleared them, and the cross table that explains the difference.

For a province P (this period, each flow):
- origin basis: lines whose own province is P;
- customs basis: lines cleared at an office in P, whatever their province;
- own lines cleared elsewhere (by the office's province; "unspecified" when the line names no
  office) and other provinces' lines cleared in P make up the difference:
  origin - customs = sum(own lines cleared elsewhere) - sum(other provinces' lines cleared in P).
For the whole country the customs basis is every line that names an office, and the lines that
name none are the difference.
"""

from __future__ import annotations

from typing import Any

from taraz.stats.facts import CUR, Cell
from taraz.stats.inputs import Inputs
from taraz.stats.measures import share, tonnes, usd
from taraz.stats.query import FLOWS

EMPTY = Cell()


def attribution_section(inp: Inputs) -> dict[str, Any]:
    province = inp.query.province
    labels = inp.labels

    def at_home(p: str | None) -> bool:
        return True if province is None else p == province

    def cleared_home(o: str | None) -> bool:
        return o is not None if province is None else o == province

    out: dict[str, Any] = {"province": labels.province(province)}
    for flow, name in FLOWS.items():
        cross: dict[tuple[Any, Any], Cell] = {}
        for row in inp.facts.rows("office", CUR, flow):
            k = (row.keys["province"], row.keys["office_province"])
            cross[k] = cross[k].plus(row.cell) if k in cross else row.cell
        origin = customs = both = EMPTY
        elsewhere: dict[Any, Cell] = {}
        here: dict[Any, Cell] = {}
        for (p, o), c in cross.items():
            if at_home(p):
                origin = origin.plus(c)
            if cleared_home(o):
                customs = customs.plus(c)
            if at_home(p) and cleared_home(o):
                both = both.plus(c)
            elif at_home(p):
                elsewhere[o] = elsewhere.get(o, EMPTY).plus(c)
            elif cleared_home(o):
                here[p] = here.get(p, EMPTY).plus(c)
        out[name] = {
            "origin_basis": _amounts(origin),
            "customs_basis": _amounts(customs),
            "difference_value_usd": usd(origin.value - customs.value),
            "cleared_at_own_offices": _amounts(both),
            "own_lines_cleared_elsewhere": [
                {
                    "office_province": labels.province_or_unspecified(o),
                    **_amounts(c),
                    "share_pct": share(c.value, origin.value),
                }
                for o, c in _largest(elsewhere)
            ],
            "other_provinces_cleared_here": [
                {
                    "origin_province": labels.province_or_unspecified(p),
                    **_amounts(c),
                    "share_pct": share(c.value, customs.value),
                }
                for p, c in _largest(here)
            ],
            "cross": [
                {
                    "origin_province": labels.province_or_unspecified(p),
                    "office_province": labels.province_or_unspecified(o),
                    **_amounts(c),
                }
                for (p, o), c in _largest(cross)
            ],
        }
    return out


def _amounts(c: Cell) -> dict[str, Any]:
    return {"value_usd": usd(c.value), "weight_t": tonnes(c.weight), "lines": c.lines}


def _largest(cells: dict[Any, Cell]) -> list[tuple[Any, Cell]]:
    return sorted(cells.items(), key=lambda kv: (-kv[1].value, str(kv[0])))
