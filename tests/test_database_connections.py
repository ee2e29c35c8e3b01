"""Kept database connections are checked without a round trip (config.postgresql).

Each test opens a connection of its own, as a web worker's thread holds one between requests,
and uses the test's connection to look at it from the server's side.
"""

import select
import time

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL backend"),
]


@pytest.fixture
def kept():
    """A second connection with health checks on, like a worker's between two requests."""
    worker = connections.create_connection("default")
    worker.settings_dict = {**worker.settings_dict, "CONN_HEALTH_CHECKS": True}
    worker.ensure_connection()
    yield worker
    worker.close()


def _between_requests(worker) -> None:
    """What Django does when one request ends and the next begins to use the connection."""
    worker.close_if_unusable_or_obsolete()
    worker.close_if_health_check_failed()


def _last_statement(pid: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_the_settings_use_the_backend_with_the_cheaper_check():
    assert connection.settings_dict["ENGINE"] == "config.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_sound_kept_connection_is_checked_without_sending_a_statement(kept):
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'the last thing this request sent'")
    pid = kept.connection.info.backend_pid

    _between_requests(kept)

    assert kept.connection.info.backend_pid == pid  # kept, not replaced
    assert _last_statement(pid) == "SELECT 'the last thing this request sent'"  # no SELECT 1


def test_a_connection_the_server_ended_is_replaced_before_the_next_request_uses_it(kept):
    ended = kept.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended])
    poller = select.poll()
    poller.register(kept.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(100) and time.monotonic() < deadline:
        pass  # the server's goodbye reaches the socket

    _between_requests(kept)
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        now = cursor.fetchone()[0]

    assert now != ended
