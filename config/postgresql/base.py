"""PostgreSQL as Django has it, with a connection health check that costs no round trip.

Connections are kept between requests (CONN_MAX_AGE), so one may have been closed by the
server since the last request: a restart, a failover, an idle timeout, `pg_terminate_backend`.
Django's health check (CONN_HEALTH_CHECKS) finds out by sending `SELECT 1` before the first
query of every request: a round trip per request for an event of once a month.

This backend asks the socket instead. An idle connection has nothing to read: the server writes
to it unasked only to say it is going (an error message, then end of file), and a closed socket
reads as ready too. So before a request uses a kept connection, a poll with no wait tells a
sound connection from one the server has ended, and a stale one is replaced before any query of
the request is sent on it. What it cannot see is a connection whose network path vanished
without a word (no FIN, no RST); `SELECT 1` would then hang too, until the socket times out.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
            or self.pool
        ):
            return
        if not self.idle_connection_is_sound():
            self.close()
        self.health_check_done = True

    def idle_connection_is_sound(self) -> bool:
        """No round trip: the connection is open and the server has sent nothing since."""
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        except (OSError, ValueError):
            return False
