"""What the server process does once it is ready to answer: open the warehouse (read-write,
the only writer), take up jobs a stopped server left behind, and compute the first figures."""

from __future__ import annotations

import gc
import logging

log = logging.getLogger("taraz.web")
COLLECTOR_THRESHOLDS = (20_000, 20, 20)  # gc.set_threshold once the server is up


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
    # what start-up loaded (Django, the libraries, the code lists) stays for the life of the
    # process: in the collector's permanent generation its full passes no longer walk it, and
    # the collector runs less often (a young pass every 20,000 new containers, not 700). A
    # first request of a new selection used to stall 150-300 ms every ten or so requests on
    # a full pass; bench/README-web.md has the figures
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    prewarm_soon()
