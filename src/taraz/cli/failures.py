"""How the command line ends when something is wrong: one line (or one JSON object) with the
catalogue's code in the chosen language, and the code's exit status. Never a traceback.

click's own usage errors (an unknown option, a missing argument, a value outside a choice) are
turned into catalogue codes too, so that a script sees `cli.unknown-option` whatever the
language of the message.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Any

import click

from taraz.errors import TarazError, error_dict

DEBUG_ENV = "TARAZ_TRACEBACK"  # set to 1 to see the traceback of an internal error


def from_click(exc: click.ClickException, args: list[str]) -> TarazError:
    """The catalogue error for one of click's usage errors."""
    command = _command_name(exc, args)
    if isinstance(exc, click.NoSuchOption):
        suggestion = f" ({', '.join(exc.possibilities)}?)" if exc.possibilities else ""
        return TarazError(
            "cli.unknown-option", option=exc.option_name, suggestion=suggestion, command=command
        )
    if isinstance(exc, click.MissingParameter):
        return TarazError("cli.missing-argument", param=_param_name(exc), command=command)
    if isinstance(exc, click.BadParameter):
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, TarazError):
            return cause
        kind = getattr(getattr(exc, "param", None), "type", None)
        where = {"param": _param_name(exc), "value": _bad_value(exc, args), "command": command}
        if isinstance(kind, click.Choice):
            return TarazError("cli.bad-choice", choices=", ".join(map(str, kind.choices)), **where)
        if isinstance(kind, click.IntRange | click.FloatRange) and _is_number(where["value"]):
            return TarazError("cli.out-of-range", min=kind.min, max=kind.max, **where)
        if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
            return TarazError("cli.not-a-number", **where)
        return TarazError(
            "cli.bad-value",
            param=_param_name(exc),
            value=_bad_value(exc, args),
            detail=exc.message,
            command=command,
        )
    if isinstance(exc, click.UsageError) and exc.message.startswith("No such command"):
        name = exc.message.split("'")[1] if "'" in exc.message else exc.message
        return TarazError("cli.unknown-command", name=name)
    return TarazError("cli.bad-usage", detail=exc.format_message(), command=command)


def report(exc: TarazError, lang: str, as_json: bool) -> int:
    """Print the error on stderr (or as one JSON object on stdout); return its exit code."""
    if as_json:
        click.echo(json.dumps({"status": "error", **error_dict(exc)}, ensure_ascii=False))
    else:
        label = "خطا" if lang == "fa" else "error"
        click.echo(f"{label} [{exc.code}]: {exc.message(lang)}", err=True)
    return exc.exit_code


def internal(exc: BaseException) -> TarazError:
    """A fault of taraz: the user gets a code and a way to see more, not a traceback."""
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(exc, file=sys.stderr)
    return TarazError("cli.internal", error=type(exc).__name__, debug=DEBUG_ENV)


def wants_json(args: list[str]) -> bool:
    """`--json`, or `--format json` (the bulletin's figures as JSON)."""
    pairs = zip(args, [*args[1:], ""], strict=True)
    return "--json" in args or "--format=json" in args or ("--format", "json") in pairs


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def language(args: list[str]) -> str:
    """The language asked for on the command line or in TARAZ_LANG (before click parsed it)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("fa", "en"):
            return args[i + 1]
        if arg in ("--lang=fa", "--lang=en"):
            return arg.split("=", 1)[1]
    env = os.environ.get("TARAZ_LANG", "fa")
    return env if env in ("fa", "en") else "fa"


def _command_name(exc: click.ClickException, args: list[str]) -> str:
    ctx: Any = getattr(exc, "ctx", None)
    if ctx is not None and ctx.info_name and ctx.parent is not None:
        return ctx.command_path.split(" ", 1)[-1]
    return next((a for a in args if not a.startswith("-")), "")


def _param_name(exc: click.ClickException) -> str:
    param = getattr(exc, "param", None)
    if param is not None:
        opts = getattr(param, "opts", None) or [param.name or "?"]
        return opts[0] if opts[0].startswith("-") else (param.name or opts[0]).upper()
    return getattr(exc, "param_hint", None) or "?"


def _bad_value(exc: click.BadParameter, args: list[str]) -> str:
    param = getattr(exc, "param", None)
    opts = getattr(param, "opts", []) if param is not None else []
    for i, arg in enumerate(args):
        for opt in opts:
            if arg == opt and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith(opt + "="):
                return arg.split("=", 1)[1]
    return ""
