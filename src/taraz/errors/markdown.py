"""The error catalogue as a Markdown page: every code, its kind, exit code, HTTP status and
both messages, grouped by domain."""

from __future__ import annotations

from itertools import groupby

from taraz.errors.catalogue import KIND_MAPS, Kind, catalogue

INTRO = """\
# Errors, warnings and quarantine reasons

Generated from `src/taraz/errors/catalogue.toml` by `python -m taraz.errors > docs/errors.md`;
a test fails when this page is stale. Every code here is stable: scripts may rely on it.

Every surface shows the same code. The command line prints `error [code]: message` in the
chosen language (`--lang`), or with `--json` one object
`{"status": "error", "code", "kind", "message_fa", "message_en", "context"}`; the API answers
`{"error": {"status", "code", "kind", "message_fa", "message_en", "context"}}` with the HTTP
status of the code's kind; the dashboard and the data desk show the message in the page's
language with its code.

`{field}` in a message is filled in from the error's context; `{where}` is the file, row,
column and value of the problem. Quarantine reasons and warnings are stored with each row
(`taraz quarantine`, the batch report) and never stop an import.

## Kinds

| kind | exit code | HTTP status | meaning |
| --- | ---: | ---: | --- |
"""

KIND_MEANINGS = {
    Kind.USAGE: "a bad argument, option or request parameter",
    Kind.DATA: "a file or value that cannot be used as it is",
    Kind.NOT_FOUND: "what was asked for does not exist",
    Kind.NOT_LOADED: "no data is loaded for what was asked (never shown as zero)",
    Kind.BUSY: "another process holds what is needed; try again later",
    Kind.CONFLICT: "the request contradicts the present state",
    Kind.LOGIN: "sign in first",
    Kind.PERMISSION: "signed in, but not allowed",
    Kind.RATE_LIMITED: "too many requests; the answer says when to try again",
    Kind.TOO_LARGE: "an upload or input over its limit",
    Kind.METHOD: "an HTTP method the address does not answer",
    Kind.INTERNAL: "a fault of taraz itself (logged)",
    Kind.QUARANTINE: "a row set aside at import, kept with its place and reason",
    Kind.WARNING: "a plausibility warning: the row is loaded and the report says so",
    Kind.TEXT: "a piece of wording that other messages include",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalogue_markdown() -> str:
    lines = [INTRO.rstrip("\n")]
    for kind in Kind:
        exit_code, status = KIND_MAPS[kind]
        lines.append(
            f"| {kind} | {exit_code if exit_code is not None else '-'} "
            f"| {status if status is not None else '-'} | {KIND_MEANINGS[kind]} |"
        )
    entries = sorted(catalogue().values(), key=lambda e: e.code)
    for domain, group in groupby(entries, key=lambda e: e.domain):
        lines += ["", f"## {domain}", ""]
        lines.append("| code | kind | exit | HTTP | English | Persian |")
        lines.append("| --- | --- | ---: | ---: | --- | --- |")
        for e in group:
            exit_code = "-" if e.exit_code is None else str(e.exit_code)
            status = "-" if e.http_status is None else str(e.http_status)
            lines.append(
                f"| `{e.code}` | {e.kind} | {exit_code} | {status} "
                f"| {_cell(e.en)} | {_cell(e.fa)} |"
            )
    return "\n".join(lines) + "\n"
