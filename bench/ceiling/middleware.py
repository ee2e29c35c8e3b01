"""SQL statements per request, reported in a header the benchmark's load client reads.

Counted as Django's own test tools count them (CaptureQueriesContext): every statement,
including the BEGIN and COMMIT of a transaction. A connection health check (`SELECT 1`, sent
straight to the driver when CONN_HEALTH_CHECKS is on) is not among them.
"""

from django.db import connection

QUERIES_HEADER = "X-Bench-Queries"


def count_queries(get_response):
    def middleware(request):
        if connection.force_debug_cursor:  # a test's CaptureQueriesContext is counting already
            before = len(connection.queries_log)
            response = get_response(request)
            response[QUERIES_HEADER] = str(len(connection.queries_log) - before)
            return response
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        try:
            response = get_response(request)
        finally:
            connection.force_debug_cursor = False
        response[QUERIES_HEADER] = str(len(connection.queries_log))
        connection.queries_log.clear()
        return response

    return middleware
