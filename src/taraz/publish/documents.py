"""The bulletin as a document in each format: text, Markdown, HTML, PDF, XLSX and JSON.

Every format is made from the same figures (the dict of `taraz.stats.bulletin_figures`): the
text formats through the templates, the PDF from the HTML, the workbook from the same tables,
and the JSON is the figures themselves.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

# the templates (Jinja) and the tables load in the functions that need them, so that the JSON
# of `taraz report --format json` does not wait for them

FORMATS = ("text", "md", "html", "pdf", "xlsx", "json")
BINARY = ("pdf", "xlsx")  # written to a file, never to a terminal
SUFFIX = {"text": "txt", "md": "md", "html": "html", "pdf": "pdf", "xlsx": "xlsx", "json": "json"}
CHARTS = ("monthly", "sectors", "partners")


def render_document(figures: dict[str, Any], fmt: str, lang: str = "fa") -> str | bytes:
    """The bulletin in `fmt` (one of FORMATS): text for text/md/html/json, bytes for pdf/xlsx."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if fmt == "json":
        return figures_json(figures)
    if fmt in ("text", "md"):
        from taraz.publish.bulletin import render_text

        return render_text(figures, lang, fmt, tables=printed_tables(figures, lang))
    if fmt == "html":
        return html_document(figures, lang, embed_fonts=True)
    if fmt == "pdf":
        from taraz.publish.pdf import pdf_bytes

        return pdf_bytes(figures, lang)
    from taraz.publish.workbook import workbook_bytes

    return workbook_bytes(figures, lang)


def write_document(figures: dict[str, Any], fmt: str, lang: str, path: Path) -> Path:
    """Write the bulletin in `fmt` to `path` (UTF-8 for text formats); returns the path."""
    content = render_document(figures, fmt, lang)
    path = Path(path)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def default_filename(figures: dict[str, Any], fmt: str, lang: str) -> str:
    """`taraz-IR-21-1404-H1-fa.pdf`, or `taraz-IR-1404-H1-en.xlsx` for the whole country."""
    q = figures["query"]
    place = q["province"].get("code") or "IR"
    period = q["period"]["label"].replace("..", "_").replace("/", "-")
    return f"taraz-{place}-{period}-{lang}.{SUFFIX[fmt]}"


def figures_json(figures: dict[str, Any]) -> str:
    """The figures as JSON, as they are (Persian kept as text, not escaped)."""
    return json.dumps(figures, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def printed_tables(figures: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The tables of the printed bulletin, as text, for the templates (`Table.for_print`)."""
    from taraz.publish.tabulation import bulletin_tables

    return [t.for_print(lang) for t in bulletin_tables(figures, lang) if t.printed]


def html_document(
    figures: dict[str, Any], lang: str, embed_fonts: bool = True, charts: bool = True
) -> str:
    """The HTML bulletin with its CSS inline and its charts as SVG data URIs; with
    `embed_fonts` the font files are inline too (a self-contained file), else file URLs."""
    from taraz.publish.bulletin import render_text
    from taraz.publish.typeface import font_face_css

    chart_uris = {}
    if charts:
        from taraz.publish.charts import bulletin_charts

        for key, svg in bulletin_charts(figures, lang, "svg").items():
            chart_uris[key] = "data:image/svg+xml;base64," + base64.b64encode(
                svg.encode("utf-8")
            ).decode("ascii")
    css = "\n".join([font_face_css(embed=embed_fonts), stylesheet(lang)])
    return render_text(
        figures,
        lang,
        "html",
        tables=printed_tables(figures, lang),
        charts=chart_uris,
        css=css,
    )


def stylesheet(lang: str) -> str:
    """`bulletin.css` and the language's `page.css`, from the user's or the packaged templates."""
    from taraz.publish.environment import template_dirs

    parts = []
    for name in ("bulletin.css", f"{lang}/page.css"):
        for d in template_dirs():
            path = d / name
            if path.is_file():
                parts.append(path.read_text(encoding="utf-8"))
                break
    return "\n".join(parts)


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else format(o, "f")
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
