"""Candour under gunicorn for a benchmark: production settings, a free port, its workers' CPU.

The server runs `config/gunicorn.py` (what `make run` and docker-compose run) with DEBUG off and
bench.settings, which add only the ceiling view and a header with each request's SQL count.
Respondents reach it as from behind one trusted proxy, each with an address of its own in
X-Forwarded-For, so that the per-network limit on starts counts them apart as it would real
people; the per-survey hourly limit is lifted for the run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ServerShape:
    """How gunicorn runs: the knobs whose defaults issue 10 chose by measurement."""

    workers: int | None = None  # None: config/gunicorn.py's default
    threads: int | None = None
    worker_class: str | None = None

    def environment(self) -> dict[str, str]:
        chosen = {
            "WEB_CONCURRENCY": self.workers,
            "WEB_THREADS": self.threads,
            "WEB_WORKER_CLASS": self.worker_class,
        }
        return {name: str(value) for name, value in chosen.items() if value is not None}


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL of the database Django is connected to, for the server process."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'])}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running gunicorn master and its workers."""

    def __init__(self, *, database: str, shape: ServerShape, log_path: Path):
        self.port = free_port()
        self.log = log_path.open("wb")
        self.log_path = log_path
        env = {
            **os.environ,
            **shape.environment(),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database,
            "CANDOUR_BIND": f"127.0.0.1:{self.port}",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "CANDOUR_TRUSTED_PROXIES": "1",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            "CANDOUR_SURVEY_STARTS_PER_HOUR": str(10**9),
        }
        command = [sys.executable, "-m", "gunicorn", "--config", "python:config.gunicorn"]
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our gunicorn
            [*command, "config.wsgi"], cwd=ROOT, env=env, stdout=self.log, stderr=self.log
        )
        self._wait_until_ready(shape)

    @property
    def host(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def _wait_until_ready(self, shape: ServerShape) -> None:
        """Listening, and every worker booted (each imports Django before it serves)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            booted = self.log_path.read_text(errors="replace").count("Booting worker")
            with socket.socket() as probe:
                listening = probe.connect_ex(self.host) == 0
            if listening and booted >= (shape.workers or 1) and self.worker_pids():
                time.sleep(1)  # the last worker finishes importing the URLs (config.wsgi)
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.stop()}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        """User and system CPU the workers have used so far (Linux /proc)."""
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / CLOCK_TICKS

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)
        self.log.close()
        return self.log_path.read_text(errors="replace")
