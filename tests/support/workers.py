"""A real Celery worker process for tests, on the configured broker (Redis in CI).

The worker consumes a queue unique to this test session, so a developer's own worker (from
`make run`) on the same broker never takes a test's task, and it connects to the test database.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from celery.exceptions import TimeoutError as ResultTimeout

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
TEST_QUEUE = f"candour-test-{uuid.uuid4().hex[:12]}"
STARTUP_TIMEOUT = 60
PR_SET_PDEATHSIG = 1
# Loaded here, not in the forked child, where only the bare call is safe.
_LIBC = ctypes.CDLL(None) if sys.platform.startswith("linux") else None


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL that points a child process at the database of `settings_dict`."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    if engine.endswith("postgresql"):
        user = quote(settings_dict.get("USER") or "")
        password = quote(settings_dict.get("PASSWORD") or "")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "localhost"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'])}"
    raise ValueError(f"No DATABASE_URL form for {engine}")


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    queue: str
    log_path: Path
    log_file: BinaryIO

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def logged(self, text: str, *, within: float = 10) -> bool:
        """Whether the worker's log shows `text` within `within` seconds.

        The pool process stores a task's result before it logs the success, so a caller that
        has its result may read the log a moment before the line is written.
        """
        deadline = time.monotonic() + within
        while text not in self.log():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True


def start_worker(
    *,
    database_settings: dict,
    log_path: Path,
    queue: str = TEST_QUEUE,
    extra_env: dict[str, str] | None = None,
) -> WorkerProcess:
    """A worker consuming `queue`, in a process group of its own (so that a test can kill the
    whole of it, pool processes included, as a crashed machine would)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(database_settings),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_WORKER_CONCURRENCY": "1",
        **(extra_env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "--app", "config", "worker",
        "--loglevel", "INFO", "--queues", queue,
        "--hostname", f"{queue}-{uuid.uuid4().hex[:6]}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--include", "tests.support.tasks",
    ]  # fmt: skip
    log_file = log_path.open("wb")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
        start_new_session=True,
    )
    worker = WorkerProcess(process, queue, log_path, log_file)
    try:
        _wait_until_consuming(worker)
    except BaseException:
        stop_worker(worker)
        raise
    return worker


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM if the test run dies, so no orphan outlives it."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait_until_consuming(worker: WorkerProcess) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise RuntimeError(f"The Celery worker exited at start-up:\n{worker.log()}")
        result = celery_app.send_task("candour.ping", queue=worker.queue, expires=10)
        try:
            if result.get(timeout=2, interval=0.05) == "pong":
                return
        except ResultTimeout:
            continue
    raise RuntimeError(f"No answer from the Celery worker in {STARTUP_TIMEOUT}s:\n{worker.log()}")


def kill_worker(worker: WorkerProcess) -> None:
    """SIGKILL the worker and its pool processes at once: nothing gets to clean up."""
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    worker.log_file.close()


def stop_worker(worker: WorkerProcess) -> None:
    worker.process.terminate()
    try:
        worker.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait()
    worker.log_file.close()
