"""What can be wrong in a reference data file, with its place: every problem found, not just
the first, each a `reference.*` code of the error catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taraz.errors import TarazError, message

SHOWN_PROBLEMS = 10


@dataclass(frozen=True)
class DataProblem:
    """One problem in a reference file: a stable code and where it is (file, row, column, value).

    `row` is the line number in the file (the header is line 1); None when the whole file or
    folder is concerned.
    """

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: str = ""

    def message(self, lang: str) -> str:
        return message(
            self.code,
            lang,
            file=self.file,
            row=self.row,
            column=self.column,
            value=self.value,
            detail=self.detail,
        )

    @property
    def message_fa(self) -> str:
        return self.message("fa")

    @property
    def message_en(self) -> str:
        return self.message("en")


class ReferenceDataError(TarazError, ValueError):
    """Reference data files that cannot be used; lists every problem found, not just the first."""

    def __init__(self, problems: Sequence[DataProblem]) -> None:
        if not problems:
            raise ValueError("a ReferenceDataError needs at least one problem")
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(
            first.code,
            file=first.file,
            row=first.row,
            column=first.column,
            value=first.value,
            problems=len(self.problems),
        )

    def message(self, lang: str = "fa") -> str:
        """The first SHOWN_PROBLEMS problems, one per line, then how many more there are."""
        lines = [p.message(lang) for p in self.problems[:SHOWN_PROBLEMS]]
        rest = len(self.problems) - SHOWN_PROBLEMS
        if rest > 0:
            lines.append(message("reference.more-problems", lang, n=rest))
        return "\n".join(lines)
