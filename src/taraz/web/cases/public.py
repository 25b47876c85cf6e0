"""The public procedure pages (eRegulations' shape): what each procedure asks, who advises, the
declared working days, and beside them the measured ones (`measured`), in Persian and English;
the same as JSON in the open data API (`procedures_json`).

The pages a reader who is not signed in gets, and the API's answers, are the same for everyone
until the measures are computed again: their bytes are kept (`kept`, in the site's
`answers` cache) under the measures' computation time and what else they are made from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from taraz.calendar import parse_period
from taraz.calendar.labels import label_en, label_fa
from taraz.web.accounts import services as accounts
from taraz.web.answers import answers
from taraz.web.cases import services
from taraz.web.cases.measured import measured
from taraz.web.site.services import current_lang, say

STEP_ORDER = ("screening", "decision", "total")


def _body_names() -> dict[str, Any]:
    return {b.code: b for b in accounts.bodies()}


def step_label(step: str, bodies: dict[str, Any], lang: str) -> str:
    if step in STEP_ORDER:
        return say(f"procedure.step.{step}", lang)
    body = bodies.get(step)
    return body.name(lang) if body is not None else step


def quarter_label(quarter: str | None, lang: str) -> str:
    if quarter is None:
        return say("procedure.all_quarters", lang)
    period = parse_period(quarter)
    return label_fa(period) if lang == "fa" else label_en(period)


def declared_total(definition: dict[str, Any]) -> int:
    """The declared working days from submission to decision: screening, the slowest advising
    body (they advise in parallel), decision."""
    slowest = max((e["target_days"] for e in definition["advice"]), default=0)
    return definition["targets"]["screening"] + slowest + definition["targets"]["decision"]


def _rows(cells, bodies, lang):
    return [
        {
            "cell": c,
            "label": step_label(c.step, bodies, lang),
            "quarter": quarter_label(c.quarter, lang),
        }
        for c in cells
    ]


def kept(request, build: Callable[[], HttpResponse], *, personal: bool = True) -> HttpResponse:
    """The answer `build` makes, kept for every request of the same address and language until
    the measures are computed again, a procedure version is loaded or comes into force, or a
    body's names change. A page `personal` to a signed-in reader (its menu, its messages) is
    made afresh for them."""
    if personal and any(
        request.COOKIES.get(name)
        for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    ):
        return build()
    key = (
        "procedures",
        request.get_full_path(),
        current_lang(),
        measured().computed_at,
        services.procedures_stamp(),
    )
    return answers().answer(key, build)


@require_GET
def procedure_list(request):
    return kept(request, lambda: _procedure_list(request))


def _procedure_list(request):
    lang = current_lang()
    figures = measured()
    items = []
    for p in services.current_procedures():
        total = next(
            (c for c in figures.for_procedure(p.code) if c.step == "total" and c.quarter is None),
            None,
        )
        items.append({"procedure": p, "declared": declared_total(p.definition), "total": total})
    return render(
        request,
        "cases/procedures.html",
        {"items": items, "figures": figures, "lang": lang},
    )


@require_GET
def procedure_detail(request, code: str):
    return kept(request, lambda: _procedure_detail(request, code))


def _procedure_detail(request, code: str):
    lang = current_lang()
    procedure = services.procedure_for(code)
    figures = measured()
    bodies = _body_names()
    cells = figures.for_procedure(code)
    overall = [c for c in cells if c.quarter is None]
    quarters = sorted({c.quarter for c in cells if c.quarter}, reverse=True)
    by_quarter = [
        {
            "label": quarter_label(q, lang),
            "rows": _rows([c for c in cells if c.quarter == q], bodies, lang),
        }
        for q in quarters
    ]
    advice = []
    for entry in procedure.definition["advice"]:
        body = bodies.get(entry.get("body", ""))
        advice.append(
            {
                "entry": entry,
                "name": body.name(lang)
                if body is not None
                else say(f"procedure.kind.{entry.get('kind')}", lang),
            }
        )
    return render(
        request,
        "cases/procedure.html",
        {
            "procedure": procedure,
            "definition": procedure.definition,
            "advice": advice,
            "declared": declared_total(procedure.definition),
            "overall": _rows(overall, bodies, lang),
            "by_quarter": by_quarter,
            "figures": figures,
            "versions": services.procedure_versions(code),
        },
    )


def procedures_json(code: str | None = None) -> dict[str, Any]:
    """The procedures and their measured working days, as the API gives them."""
    figures = measured()
    current = services.current_procedures()
    if code is not None:
        current = [p for p in current if p.code == code]
        if not current:
            raise Http404("cases.unknown-procedure")
    items = []
    for p in current:
        d = p.definition
        items.append(
            {
                "code": p.code,
                "version": p.version,
                "valid_from": p.valid_from.isoformat(),
                "abbrev": p.abbrev,
                "name_fa": p.name_fa,
                "name_en": p.name_en,
                "summary_fa": d["summary_fa"],
                "summary_en": d["summary_en"],
                "legal_basis_fa": d["legal_basis_fa"],
                "legal_basis_en": d["legal_basis_en"],
                "certificate": d.get("certificate", ""),
                "declared": {
                    "screening": d["targets"]["screening"],
                    "decision": d["targets"]["decision"],
                    "advice": [
                        {
                            k: e[k]
                            for k in ("body", "kind", "target_days", "countersign", "required")
                            if k in e
                        }
                        for e in d["advice"]
                    ],
                    "total": declared_total(d),
                },
                "documents": [
                    {k: doc[k] for k in ("code", "name_fa", "name_en", "form", "required")}
                    for doc in d["documents"]
                ],
                "fees": [
                    {
                        k: fee[k]
                        for k in ("name_fa", "name_en", "amount_rial", "paid_to")
                        if k in fee
                    }
                    for fee in d.get("fees", [])
                ],
                "measured": [c.to_dict() for c in figures.for_procedure(p.code)],
            }
        )
    return {
        "unit": "working days",
        "min_cases": 5,
        "computed_at": figures.computed_at.isoformat(),
        "cases": figures.cases,
        "calendar": figures.calendar,
        "procedures": items,
    }
