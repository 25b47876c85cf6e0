"""The bulletin's charts (matplotlib, no display): monthly exports and imports this year against
last, sector shares of exports, and the main destinations.

matplotlib (>= 3.11) shapes Persian text itself, so labels go in as plain Unicode (never through
a reshaper). The packaged Vazirmatn font draws them; Persian charts have Persian digits on their
axes and run right to left. Charts come out as SVG text (glyphs as paths, so they need no font
where they are shown) or PNG bytes; the same figures give the same bytes.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from taraz.calendar.months import month_names
from taraz.fa import format_number, strip_isolates
from taraz.publish import naming
from taraz.publish.amount_words import decimal
from taraz.publish.environment import labels
from taraz.publish.typeface import register_matplotlib

COLORS = {"exports": "#1f6f8b", "imports": "#c8553d", "bars": "#1f6f8b"}
SIZE = (7.2, 3.1)  # inches
BAR_ITEMS = 10


def bulletin_charts(figures: dict[str, Any], lang: str, fmt: str = "svg") -> dict[str, Any]:
    """{"monthly", "sectors", "partners"}: each chart as SVG text (`fmt="svg"`) or PNG bytes."""
    return {
        "monthly": monthly_chart(figures, lang, fmt),
        "sectors": sectors_chart(figures, lang, fmt),
        "partners": partners_chart(figures, lang, fmt),
    }


def monthly_chart(figures: dict[str, Any], lang: str, fmt: str = "svg"):
    """Exports and imports by month, this year (solid) against last year (dashed)."""
    return _save(monthly_figure(figures, lang), fmt)


def sectors_chart(figures: dict[str, Any], lang: str, fmt: str = "svg"):
    """Each sector's share of export value, largest first."""
    return _save(sectors_figure(figures, lang), fmt)


def partners_chart(figures: dict[str, Any], lang: str, fmt: str = "svg"):
    """The main destinations of exports, in million dollars."""
    return _save(partners_figure(figures, lang), fmt)


def _styled(build):
    """Build the figure under the chart style, so every text is set in the packaged font."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context(_style()):
            return build(*args, **kwargs)

    return wrapper


def _style() -> dict[str, Any]:
    return {
        "font.family": register_matplotlib(),
        "svg.hashsalt": "taraz",
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
    }


@_styled
def monthly_figure(figures: dict[str, Any], lang: str):
    """The matplotlib Figure of `monthly_chart`."""
    lab = labels(lang)
    doc, charts = lab["document"], lab["charts"]
    calendar = figures["query"]["period"]["calendar"]
    names = month_names(calendar, lang)
    fig, ax = _figure()
    x = None
    for flow in ("exports", "imports"):
        months = figures["monthly"][flow]
        x = list(range(len(months)))
        now = [_millions(m["value_usd"]) for m in months]
        before = [_millions((m["last_year"] or {}).get("value_usd")) for m in months]
        color = COLORS[flow]
        ax.plot(x, now, color=color, marker="o", label=f"{doc[flow]} {charts['this_year']}")
        ax.plot(
            x,
            before,
            color=color,
            linestyle="--",
            marker=".",
            alpha=0.6,
            label=f"{doc[flow]} {charts['last_year']}",
        )
    if x:
        months = figures["monthly"]["exports"]
        ax.set_xticks(x, [names[int(m["month"][5:7]) - 1] for m in months])
    ax.set_ylim(bottom=0)
    ax.set_title(charts["monthly"])
    # Below the plot, where it hides no line; in Persian read from the right, each marker on
    # the right of its words.
    handles, texts = ax.get_legend_handles_labels()
    if lang == "fa":
        handles, texts = handles[::-1], texts[::-1]
    fig.legend(
        handles,
        texts,
        loc="outside lower center",
        fontsize=8,
        frameon=False,
        ncols=4,
        markerfirst=lang != "fa",
    )
    _localise(ax, lang, axis="y")
    return fig


@_styled
def sectors_figure(figures: dict[str, Any], lang: str):
    """The matplotlib Figure of `sectors_chart`."""
    items = figures["top"]["export_sectors"]
    values = [float(decimal(i["share_pct"])) if i.get("share_pct") else 0.0 for i in items]
    return _bars(items, values, labels(lang)["charts"]["sectors"], lang, decimals=1)


@_styled
def partners_figure(figures: dict[str, Any], lang: str):
    """The matplotlib Figure of `partners_chart`."""
    items = figures["top"]["export_destinations"][:BAR_ITEMS]
    values = [_millions(i["value_usd"]) for i in items]
    return _bars(items, values, labels(lang)["charts"]["partners"], lang, decimals=1)


def _bars(items, values, title: str, lang: str, decimals: int):
    fig, ax = _figure(height=0.34 * max(len(items), 3) + 0.9)
    names = [strip_isolates(naming.name(i, lang)) for i in items]
    y = list(range(len(items)))
    bars = ax.barh(y, values, color=COLORS["bars"])
    ax.set_yticks(y, names)
    ax.invert_yaxis()  # largest on top
    ax.set_title(title)
    _localise(ax, lang, axis="x")  # before the labels: they follow the axis direction
    ax.bar_label(
        bars,
        labels=[chart_number(v, lang, decimals) for v in values],
        padding=3,
        fontsize=8,
    )
    ax.margins(x=0.15)
    return fig


def _figure(height: float = SIZE[1]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(SIZE[0], height), layout="constrained")
    fig.set_facecolor("white")
    ax = fig.subplots()
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.grid(axis="both", alpha=0.25)
    ax.set_axisbelow(True)
    return fig, ax


def chart_number(value: Any, lang: str, decimals: int = 0) -> str:
    """A number on a chart as docs/numbers.md writes it (Persian digits, «٬» «٫», U+2212
    before a negative), without the bidi isolate a text would need: matplotlib lays out one
    label at a time, and the font has no glyph for the isolate marks."""
    value = round(float(value), decimals)  # numpy floats are not floats to format_number
    return strip_isolates(format_number(value, lang, decimals))


def _tick_formatter(lang: str):
    """Tick labels of an axis in `chart_number`'s style, all with the same decimals: none when
    every tick is whole, else one."""
    from matplotlib.ticker import Formatter

    class Ticks(Formatter):
        def __call__(self, x, pos=None) -> str:
            return chart_number(x, lang, 0 if round(float(x), 1) == int(x) else 1)

        def format_ticks(self, values) -> list[str]:
            whole = all(round(float(v), 1) == int(v) for v in values)
            return [chart_number(v, lang, 0 if whole else 1) for v in values]

    return Ticks()


def _localise(ax, lang: str, axis: str) -> None:
    """Persian digits on the value axis, and right-to-left layout for Persian."""
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(_tick_formatter(lang))
    if lang == "fa":
        ax.invert_xaxis()  # time and bars run right to left
        ax.yaxis.tick_right()
        ax.spines[["right"]].set_visible(axis == "x")
        ax.spines[["left"]].set_visible(False)


def _save(fig, fmt: str):
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context(_style()):
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None})
            return buf.getvalue().decode("utf-8")
        if fmt == "png":
            fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
            return buf.getvalue()
    raise ValueError(f"chart format must be svg or png, not {fmt!r}")


def _millions(value) -> float:
    return 0.0 if value is None else float(decimal(value).scaleb(-6))
