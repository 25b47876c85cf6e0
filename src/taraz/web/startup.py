"""What the server process does once it is ready to answer: open the warehouse (read-write,
the only writer), take up jobs a stopped server left behind, and compute the first figures."""

from __future__ import annotations

import logging

log = logging.getLogger("taraz.web")


def worker_started() -> None:
    from taraz.errors import TarazError
    from taraz.web.datadesk.services import recover_jobs
    from taraz.web.hub import hub
    from taraz.web.prewarm import prewarm_soon

    try:
        wh = hub().root()
        log.info("warehouse %s open for reading and writing", wh.path)
    except TarazError as exc:  # another process writes: pages answer 503 until it is free
        log.warning("%s", exc.message_en)
    try:
        recover_jobs()
    except Exception:
        log.exception("could not recover the jobs of a previous run")
    prewarm_soon()
