"""Health of the parts Candour depends on, for /healthz and for operators.

Each check is bounded in time: the database by its connect timeout, the broker by a short
connection attempt, the worker by a ping task with a short wait. A broker that is down is
reported without publishing anything, because a publish to a dead broker can hang.
"""

import time
from dataclasses import asdict, dataclass

from celery import Celery
from django.conf import settings
from django.db import connections
from kombu import Connection

OK = "ok"
DOWN = "down"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Check:
    status: str
    latency_ms: int
    detail: str = ""


@dataclass(frozen=True)
class HealthReport:
    database: Check
    broker: Check
    worker: Check

    @property
    def status(self) -> str:
        if self.database.status != OK:
            return DOWN
        if self.broker.status != OK or self.worker.status != OK:
            return "degraded"
        return OK

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "database": asdict(self.database),
            "broker": asdict(self.broker),
            "worker": asdict(self.worker),
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


def health_report(app: Celery) -> HealthReport:
    timeout = settings.HEALTH_WORKER_PING_TIMEOUT
    database = check_database()
    broker = check_broker(app, timeout=min(timeout, 1.0))
    if broker.status == OK:
        worker = check_worker(app, timeout=timeout)
    else:
        worker = Check(UNKNOWN, 0, "broker unreachable")
    return HealthReport(database=database, broker=broker, worker=worker)
