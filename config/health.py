"""Health of the parts Candour depends on, for /healthz and for operators.

Each check is bounded in time: the database by its connect timeout, the broker by a short
connection attempt, the worker by a ping task with a short wait. A broker that is down is
reported without publishing anything, because a publish to a dead broker can hang.

`unlinking` says when the unlinking batches last ran (responses.unlinking): "late" once two
intervals have passed without a run, which means used invitations and follow-up contacts stay
linkable by time for longer than the respondents were told. Nothing is lost meanwhile.
"""

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from celery import Celery
from django.conf import settings
from django.db import connections
from django.utils import timezone
from kombu import Connection

OK = "ok"
DOWN = "down"
UNKNOWN = "unknown"
LATE = "late"
NEVER = "never"


@dataclass(frozen=True)
class Check:
    status: str
    latency_ms: int
    detail: str = ""


@dataclass(frozen=True)
class Unlinking:
    status: str  # ok, late, never (not yet run since installing), unknown (database down)
    last_run: str | None
    interval_seconds: int


@dataclass(frozen=True)
class HealthReport:
    database: Check
    broker: Check
    worker: Check
    unlinking: Unlinking

    @property
    def status(self) -> str:
        if self.database.status != OK:
            return DOWN
        if self.broker.status != OK or self.worker.status != OK or self.unlinking.status == LATE:
            return "degraded"
        return OK

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "database": asdict(self.database),
            "broker": asdict(self.broker),
            "worker": asdict(self.worker),
            "unlinking": asdict(self.unlinking),
        }


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def check_database(alias: str = "default") -> Check:
    started = time.monotonic()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure to reach the database is "down", with its reason
        return Check(DOWN, _elapsed_ms(started), type(error).__name__)
    return Check(OK, _elapsed_ms(started))


def check_broker(app: Celery, timeout: float) -> Check:
    started = time.monotonic()
    connection = Connection(
        app.conf.broker_url,
        connect_timeout=timeout,
        transport_options={
            **(app.conf.broker_transport_options or {}),
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
        },
    )
    try:
        connection.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=timeout
        )
        connection.default_channel  # noqa: B018  (opening a channel proves the broker answers)
    except Exception as error:
        return Check(DOWN, _elapsed_ms(started), type(error).__name__)
    finally:
        connection.release()
    return Check(OK, _elapsed_ms(started))


def check_worker(app: Celery, timeout: float) -> Check:
    started = time.monotonic()
    result = app.send_task("candour.ping", retry=False, expires=timeout * 4)
    try:
        answer = result.get(timeout=timeout, interval=0.05)
    except Exception as error:
        return Check(DOWN, _elapsed_ms(started), type(error).__name__)
    result.forget()
    return Check(OK if answer == "pong" else DOWN, _elapsed_ms(started))


def check_unlinking(*, database_up: bool, now: datetime) -> Unlinking:
    interval = settings.CANDOUR_UNLINK_INTERVAL_SECONDS
    if not database_up:
        return Unlinking(UNKNOWN, None, interval)
    from responses.unlinking import unlinking_last_run

    try:
        last_run = unlinking_last_run()
    except Exception:  # a database not migrated yet
        return Unlinking(UNKNOWN, None, interval)
    if last_run is None:
        return Unlinking(NEVER, None, interval)
    late = now - last_run > timedelta(seconds=2 * interval)
    return Unlinking(LATE if late else OK, last_run.isoformat(), interval)


def health_report(app: Celery) -> HealthReport:
    timeout = settings.HEALTH_WORKER_PING_TIMEOUT
    database = check_database()
    broker = check_broker(app, timeout=min(timeout, 1.0))
    if broker.status == OK:
        worker = check_worker(app, timeout=timeout)
    else:
        worker = Check(UNKNOWN, 0, "broker unreachable")
    unlinking = check_unlinking(database_up=database.status == OK, now=timezone.now())
    return HealthReport(database=database, broker=broker, worker=worker, unlinking=unlinking)
