"""A procedure of its own for the case tests (written here, so that the tests do not move when
the packaged procedures do), and cases brought to each state by the real transitions."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

PROCEDURE = """
code = "test-permit"
version = 1
valid_from = "1403-01-01"
abbrev = "TP"
name_fa = "مجوز آزمایشی"
name_en = "Test permit"
summary_fa = "مجوزی برای آزمون."
summary_en = "A permit for the tests."
certificate = ""
lapse_days = 10
silence_approves = false
legal_basis_fa = "آیین‌نامهٔ آزمایشی"
legal_basis_en = "The test by-law"

[targets]
screening = 2
decision = 2

[[documents]]
code = "card"
name_fa = "کارت بازرگانی"
name_en = "Commercial card"
form = "copy"
required = true

[[documents]]
code = "invoice"
name_fa = "پیش‌فاکتور"
name_en = "Pro-forma invoice"
form = "copy"
required = false

[[advice]]
body = "yazd-chamber"
target_days = 3
countersign = true
required = true

[[advice]]
body = "yazd-inso"
target_days = 5
countersign = false
required = false

[[steps]]
code = "submit"
name_fa = "ثبت درخواست"
name_en = "Apply"
who = "applicant"
note_fa = "رویهٔ سازمان"
note_en = "The organization's practice"
"""

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def write_procedure(folder: Path, text: str = PROCEDURE, name: str = "test-permit-v1.toml"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def pdf(name: str = "card.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stream(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)


# the steps that bring a case to each state, in order: (action, role, data)
PATH = (
    ("submit", "exporter_a", {}),
    ("take", "officer", {}),
    ("route", "officer", {"bodies": ["yazd-chamber"]}),  # the other body (inso) is optional
    ("advise", "body_routed", {"advice": "no_objection"}),
    ("countersign", "head", {}),
)
REACHED = {
    "draft": 0,
    "submitted": 1,
    "screening": 2,
    "in_review": 3,
    "decision": 5,
}


def case_in(world, state: str, *, now: datetime | None = None):
    """A case of exporter A, brought to `state` through the service."""
    from taraz.web.cases import services as cases

    procedure = cases.procedure_for("test-permit")
    case = cases.open_case(
        procedure, world.exporter_a, actor=world.users["exporter_a"], subject="کاشی به عراق"
    )
    cases.add_document(case, pdf(), "card", actor=world.users["exporter_a"])
    if state == "returned":
        steps = [*PATH[:2], ("return", "officer", {"reasons": "پیش‌فاکتور را بیفزایید"})]
    elif state in ("approved", "refused"):
        reasons = {"reasons": "بنا بر نظر نهادها"} if state == "refused" else {}
        steps = [*PATH, ("approve" if state == "approved" else "refuse", "signatory", reasons)]
    elif state in ("withdrawn", "lapsed"):
        steps = [("withdraw", "exporter_a", {})] if state == "withdrawn" else None
        if steps is None:
            raise ValueError("a lapsed case needs time to pass: see test_lapse")
    else:
        steps = PATH[: REACHED[state]]
    for action, role, data in steps:
        cases.transition(case.pk, action, world.users[role], now=now, **data)
    case.refresh_from_db()
    assert case.state == state
    return case
