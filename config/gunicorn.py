"""gunicorn settings, shared by `make run` (Procfile) and docker-compose.

The access log leaves out the client address, user agent, referrer and query string: a
respondent's IP must never be written anywhere, and a query string can carry a resume code.
"""

from config.env import env_int, env_str

bind = env_str("CANDOUR_BIND", "0.0.0.0:8000")
workers = env_int("WEB_CONCURRENCY", 2)
threads = env_int("WEB_THREADS", 4)
timeout = env_int("WEB_TIMEOUT", 30)
graceful_timeout = 20
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(b)s %(M)sms"
errorlog = "-"
limit_request_line = 8190
limit_request_fields = 100
