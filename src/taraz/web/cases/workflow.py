"""The case workflow as one table: for each action, the states it starts from, the state it
leads to, who may take it and the guard that must hold. `services.transition` is the only code
that applies it; docs/workflow.md and the permission tests are generated from it.

`who` names a part in the case, not a global role: `applicant` is a person of the case's firm;
`officer` an officer of the organization; `screener` the officer who took the case to screen;
`reviewer` and `head` a reviewer or the head at a body the case is routed to; `signatory` a
signatory of the organization who did not screen the case; `system` the scheduled command
(`taraz-web casework`), which an officer may also run by hand for one case.

A target of `=` keeps the state; `review` means `in_review`, or `decision` once every routed
body's part is complete (advised, and countersigned where the procedure asks).
"""

from __future__ import annotations

from dataclasses import dataclass

from taraz.web.cases.models import OPEN_STATES, State

KEEP, REVIEW_OR_DECISION = "=", "review"
WORKING = frozenset(OPEN_STATES - {State.DRAFT})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    who: tuple[str, ...]
    guard: str
    note_en: str


def _t(action, sources, target, who, guard, note):
    return Transition(action, frozenset(sources), target, tuple(who), guard, note)


TABLE: tuple[Transition, ...] = (
    _t(
        "submit",
        {State.DRAFT},
        State.SUBMITTED,
        ["applicant"],
        "documents",
        "The applicant sends the application, with every required document attached.",
    ),
    _t(
        "take",
        {State.SUBMITTED},
        State.SCREENING,
        ["officer"],
        "-",
        "An officer takes the case to screen it; they become its screener.",
    ),
    _t(
        "return",
        {State.SCREENING},
        State.RETURNED,
        ["screener"],
        "reasons",
        "The screener returns it to the applicant, listing what is missing (applicant's time).",
    ),
    _t(
        "resubmit",
        {State.RETURNED},
        State.SCREENING,
        ["applicant"],
        "documents",
        "The applicant sends it back with what was asked for.",
    ),
    _t(
        "route",
        {State.SCREENING},
        State.IN_REVIEW,
        ["screener"],
        "bodies",
        "The screener routes it to one or more bodies at once, each with its due date.",
    ),
    _t(
        "ask",
        {State.IN_REVIEW},
        KEEP,
        ["reviewer", "officer"],
        "no-open-question",
        "A routed body (or the organization) asks the applicant; that body's clock stops.",
    ),
    _t(
        "answer",
        {State.IN_REVIEW, State.DECISION},
        KEEP,
        ["applicant"],
        "open-question",
        "The applicant answers; the asking body's clock runs again.",
    ),
    _t(
        "advise",
        {State.IN_REVIEW, State.DECISION},
        REVIEW_OR_DECISION,
        ["reviewer"],
        "can-advise",
        "A routed body's reviewer gives advice with reasons; a change of advice ends the "
        "countersign.",
    ),
    _t(
        "countersign",
        {State.IN_REVIEW},
        REVIEW_OR_DECISION,
        ["head"],
        "advised",
        "The body's head countersigns its advice, where the procedure asks.",
    ),
    _t(
        "escalate",
        {State.IN_REVIEW},
        KEEP,
        ["officer", "system"],
        "overdue",
        "An overdue review is escalated to the body's head (and the officer is told).",
    ),
    _t(
        "approve",
        {State.DECISION},
        State.APPROVED,
        ["signatory"],
        "no-objection",
        "A signatory who did not screen it approves, on complete advice and no objection.",
    ),
    _t(
        "refuse",
        {State.DECISION},
        State.REFUSED,
        ["signatory"],
        "reasons",
        "A signatory who did not screen it refuses, with reasons.",
    ),
    _t(
        "withdraw",
        OPEN_STATES,
        State.WITHDRAWN,
        ["applicant"],
        "-",
        "The applicant withdraws the application.",
    ),
    _t(
        "lapse",
        {State.RETURNED, State.IN_REVIEW},
        State.LAPSED,
        ["system", "officer"],
        "applicant-silent",
        "The applicant has not answered within the procedure's lapse days.",
    ),
)
BY_ACTION = {t.action: t for t in TABLE}
ACTIONS = tuple(BY_ACTION)


def transition_for(action: str) -> Transition | None:
    return BY_ACTION.get(action)


def markdown_table() -> str:
    """The table as docs/workflow.md shows it."""
    lines = [
        "| action | from | to | who | guard | what it means |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for t in TABLE:
        sources = ", ".join(sorted(t.sources))
        target = {"=": "(unchanged)", REVIEW_OR_DECISION: "in_review or decision"}.get(
            t.target, t.target
        )
        lines.append(
            f"| `{t.action}` | {sources} | {target} | {', '.join(t.who)} | {t.guard} "
            f"| {t.note_en} |"
        )
    return "\n".join(lines)
