"""docs/workflow.md shows the workflow table as the code has it."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"


def test_the_workflow_doc_shows_the_table_of_the_code():
    from taraz.web.cases.workflow import markdown_table

    text = DOC.read_text("utf-8")
    shown = text.split("<!-- table -->\n", 1)[1].split("\n<!-- /table -->", 1)[0]
    assert shown == markdown_table()
