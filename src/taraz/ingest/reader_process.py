"""The child process that reads one file for an import, apart from it:
`python -m taraz.ingest.reader_process FOLDER` (started by `taraz.ingest.isolation`).

It limits itself first (address space `RLIMIT_AS`, processor seconds `RLIMIT_CPU`, no core
file), then reads the file exactly as `read_source` does in the importer, and answers in FOLDER
(mode 0700, its files 0600): `source.json` (the `SourceTable` but its rows) and `table.arrow`
(its rows, an Arrow IPC file), or `error.json` (the code and fields of the error the file was
refused with). Out of memory it exits with `EXIT_MEMORY`. It never opens the warehouse, which
the importer holds.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sys
from pathlib import Path
from typing import Any

REQUEST = "request.json"  # what to read: path, sheet, mapping file, budget, limits, fast
ANSWER = "source.json"
TABLE = "table.arrow"
ERROR = "error.json"
STDERR = "stderr.txt"
EXIT_MEMORY = 3
LOCALISED = "$localised"  # how a field worded in each language travels in error.json


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    os.umask(0o077)
    request = json.loads((folder / REQUEST).read_text("utf-8"))
    limit_self(request["memory_mb"], request["seconds"])
    try:
        return answer(folder, request)
    except MemoryError:
        return EXIT_MEMORY


def limit_self(memory_mb: int, seconds: float) -> None:
    """The child's own limits, hard as well as soft, so that nothing it runs can raise them."""
    _lower(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    cpu = max(1, math.ceil(seconds))
    _lower(resource.RLIMIT_CPU, cpu, cpu + 1)  # SIGXCPU at the soft limit, SIGKILL at the hard
    _lower(resource.RLIMIT_CORE, 0)


def _lower(which: int, soft: int, hard: int | None = None) -> None:
    _, current = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def answer(folder: Path, request: dict[str, Any]) -> int:
    """Read the file of `request` and write the answer, or the error, into `folder`."""
    import pyarrow as pa

    from taraz.errors import TarazError
    from taraz.ingest.layouts import is_known_header
    from taraz.ingest.limits import ReadBudget
    from taraz.ingest.mapping import load_mapping
    from taraz.ingest.sources import read_source

    try:
        mapping = load_mapping(Path(request["mapping"])) if request["mapping"] else None
        src = read_source(
            Path(request["path"]),
            mapping.is_header if mapping else is_known_header,
            request["sheet"],
            ReadBudget(**request["budget"]),
            request["fast"],
        )
    except TarazError as exc:
        fields = {name: _field(value) for name, value in exc.fields.items()}
        _write(folder / ERROR, {"type": type(exc).__name__, "code": exc.code, "fields": fields})
        return 0
    if src.arrow is not None:
        with (
            pa.OSFile(str(folder / TABLE), "wb") as sink,
            pa.ipc.new_file(sink, src.arrow.schema) as writer,
        ):
            writer.write_table(src.arrow)
    meta = {
        "format": src.format,
        "sha256": src.sha256,
        "size_bytes": src.size_bytes,
        "headers": src.headers,
        "header_row": src.header_row,
        "title": src.title,
        "encoding": src.encoding,
        "sheet": src.sheet,
        "arrow": src.arrow is not None,
        "csv_fast": src.csv_fast,
        "parquet": src.parquet,
        "skipped_blank": src.skipped_blank,
        "totals_row": None if src.totals_row is None else list(src.totals_row.items()),
        "notes": src.notes,
    }
    _write(folder / ANSWER, meta)  # last: its presence says the answer is whole
    return 0


def _field(value: Any) -> Any:
    from taraz.errors import Localised

    if isinstance(value, Localised):
        return {LOCALISED: [value.fa, value.en]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _write(path: Path, data: dict[str, Any]) -> None:
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.replace(part, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
