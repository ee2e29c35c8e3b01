"""gunicorn settings, shared by `make run` (Procfile) and docker-compose.

Logging goes through config.logs, as Django's does: the access log leaves out the client
address, user agent, referrer, query string and time, and has no line at all for a respondent's
page, a static file or the home page; gunicorn's error log never names a client's address or a
respondent's page, and its lines about failed requests are written only at the next full hour.
"""

from config.env import env_int, env_str

bind = env_str("CANDOUR_BIND", "0.0.0.0:8000")
workers = env_int("WEB_CONCURRENCY", 2)
threads = env_int("WEB_THREADS", 4)
# "sync" with threads above 1 is gunicorn's threaded worker (gthread).
worker_class = env_str("WEB_WORKER_CLASS", "sync")
timeout = env_int("WEB_TIMEOUT", 30)
graceful_timeout = 20
# Only these may set X-Forwarded-Proto (and, for Candour's rate limits, X-Forwarded-For).
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(b)s %(M)sms"
errorlog = "-"
limit_request_line = 8190
limit_request_fields = 100

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "gunicorn": {"format": "[%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "config.logs.RespondentSafeStreamHandler",
            "formatter": "gunicorn",
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "config.logs.RespondentSafeStreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}


def worker_exit(server, worker):
    """A worker's held log lines are written before it goes (config.logs)."""
    from config.logs import flush_held

    flush_held()
