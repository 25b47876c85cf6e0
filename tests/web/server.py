"""`taraz serve` in a subprocess, on a free port, on a copy of a warehouse, for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.web.conftest import PASSWORD


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(
        self, warehouse: Path, folder: Path, staff: str | None = "staff", **env: str
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.warehouse = folder / "served.duckdb"
        shutil.copy(warehouse, self.warehouse)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "serve.log"
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TARAZ_", "DJANGO_", "DATABASE_URL"))
        }
        self.env = {
            **base,
            "TARAZ_WAREHOUSE": str(self.warehouse),
            "HOME": str(folder),
            "TARAZ_API_RATE": "0",
            # a first request computes its figures: on a busy machine (CI's two cores) wait
            # for them rather than answer "being computed" (tests of the gate set their own)
            "TARAZ_COMPUTE_WAIT": "120",
            **env,
        }
        if staff:
            self._manage("migrate", "-v0")
            self._manage(
                "createstaff",
                staff,
                "--password-env",
                "STAFF_PASSWORD",
                extra={"STAFF_PASSWORD": PASSWORD},
            )
        self.proc: subprocess.Popen | None = None

    def _manage(self, *args: str, extra: dict[str, str] | None = None) -> None:
        subprocess.run(
            [sys.executable, "-m", "taraz.web.manage", *args],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "taraz.web.settings.local", **(extra or {})},
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self, timeout: float = 90) -> Server:
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "taraz.cli.serve",
                    "--port",
                    str(self.port),
                    "--threads",
                    "8",
                    "--no-access-log",
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"taraz serve exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/status", timeout=5) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"taraz serve did not answer: {self.log.read_text()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
