"""Finding a code by any of its names: every code, name and alias keyed by `fa.name_key`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from taraz.fa import name_key
from taraz.reference.data_files import Row
from taraz.reference.errors import DataProblem

KINDS = ("country", "province", "customs_office")


class Named(Protocol):
    code: str
    name_fa: str
    name_en: str
    aliases: tuple[str, ...]


def names_of(record: Named) -> Iterator[tuple[str, str]]:
    """(column, name) for the code, both names and every alias of a record."""
    yield "code", record.code
    yield "name_fa", record.name_fa
    yield "name_en", record.name_en
    for alias in record.aliases:
        yield "aliases", alias


def name_index(
    records: Mapping[str, Named], rows: Mapping[str, Row], problems: list[DataProblem]
) -> dict[str, str]:
    """key -> code for one kind of code list; a key reaching two codes is a problem.

    The problem is reported on the later row, which is the user's row when a user file
    brings the conflict.
    """
    index: dict[str, str] = {}
    for code, record in records.items():
        for column, name in names_of(record):
            key = name_key(name)
            if not key:
                continue
            owner = index.setdefault(key, code)
            if owner != code:
                row = rows[code]
                problems.append(
                    DataProblem("reference.name-conflict", row.file, row.line, column, name, owner)
                )
    return index


def find(index: Mapping[str, str], text: str | None) -> str | None:
    """The code whose code, name or alias has the same key as `text`, or None."""
    if text is None:
        return None
    key = name_key(str(text))
    return index.get(key) if key else None
