"""docs/settings.md documents every environment variable and setting the code reads, and no name
the code no longer reads (as datasette's tests/test_docs.py does for its settings).

The code is scanned, not imported: every `TARAZ_*` name in `src/taraz`, every name read through
`os.environ`/`os.getenv`, a click `envvar=` or the settings' `env_*` helpers, and every setting
the Django profiles assign. A name counts as documented when it opens a table row of the page:
"| `NAME` |" (a row may name several: "| `A`, `B` |")."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "taraz"
SETTINGS_PROFILES = SRC / "web" / "settings"
DOC = ROOT / "docs" / "settings.md"

TARAZ_NAME = re.compile(r"\bTARAZ_[A-Z0-9_]+\b")
ROW_NAMES = re.compile(r"^\|\s*((?:`[A-Z][A-Z0-9_]*`(?:,\s*)?)+)\s*\|", re.MULTILINE)
ENVIRON_METHODS = {"get", "setdefault", "pop"}


def _is_environ(node: ast.AST) -> bool:
    """`os.environ` or a bare `environ`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def _reads_environment(func: ast.AST) -> bool:
    """`os.environ.get(...)`, `os.getenv(...)`, or a settings helper such as `env_int(...)`."""
    if isinstance(func, ast.Attribute):
        if func.attr in ENVIRON_METHODS and _is_environ(func.value):
            return True
        return func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os"
    return isinstance(func, ast.Name) and (func.id == "getenv" or func.id.startswith("env_"))


def _text(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _environment_names(tree: ast.AST) -> set[str]:
    """Names given as string literals to the environment."""
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if _reads_environment(node.func) and node.args:
                found.add(_text(node.args[0]))
            found.update(_text(k.value) for k in node.keywords if k.arg == "envvar")
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            found.add(_text(node.slice))
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            found.add(_text(node.left))
    return {name for name in found if name}


@cache
def names_in_code() -> dict[str, set[str]]:
    """Each environment variable or `TARAZ_*` name of src/taraz -> the files that mention it."""
    names: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text("utf-8")
        where = str(path.relative_to(ROOT))
        for name in set(TARAZ_NAME.findall(text)) | _environment_names(ast.parse(text)):
            names.setdefault(name, set()).add(where)
    return names


@cache
def django_settings() -> dict[str, set[str]]:
    """Each setting a Django profile assigns -> the profiles that assign it."""
    names: dict[str, set[str]] = {}
    for path in sorted(SETTINGS_PROFILES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    names.setdefault(target.id, set()).add(path.stem)
    return names


@cache
def documented() -> set[str]:
    text = DOC.read_text("utf-8")
    return {name for cell in ROW_NAMES.findall(text) for name in re.findall(r"`([^`]+)`", cell)}


def _listing(names: dict[str, set[str]], missing: set[str]) -> str:
    return "\n".join(f"  {name} ({', '.join(sorted(names[name]))})" for name in sorted(missing))


def test_the_scan_finds_the_variables_it_must():
    assert {"TARAZ_WAREHOUSE", "XDG_DATA_HOME", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"} <= set(
        names_in_code()
    )
    assert {"TARAZ_API_RATE", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(django_settings())


def test_every_environment_variable_the_code_reads_is_documented():
    missing = set(names_in_code()) - documented()
    assert not missing, "not in docs/settings.md:\n" + _listing(names_in_code(), missing)


def test_every_setting_of_the_django_profiles_is_documented():
    missing = set(django_settings()) - documented()
    assert not missing, "not in docs/settings.md:\n" + _listing(django_settings(), missing)


def test_every_documented_name_is_still_read_by_the_code():
    stale = documented() - set(names_in_code()) - set(django_settings())
    assert not stale, f"docs/settings.md documents names src/taraz no longer reads: {sorted(stale)}"
