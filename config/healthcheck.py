"""Container health probes for docker-compose: `python -m config.healthcheck web|worker|beat`.

Exit status 0 means healthy. `web` asks /healthz over HTTP (a degraded broker still leaves the
web healthy: respondents can answer without it); `worker` asks this container's worker to reply
to a broadcast ping; `beat` checks that the broker it publishes to is reachable.
"""

import os
import socket
import sys
import urllib.error
import urllib.request

from config.env import env_str

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def web_is_healthy() -> bool:
    from django.conf import settings

    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    port = env_str("CANDOUR_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=8) as response:  # noqa: S310 (fixed local URL)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def worker_is_healthy() -> bool:
    from config.celery import app

    replies = app.control.ping(destination=[f"celery@{socket.gethostname()}"], timeout=5)
    return bool(replies)


def beat_is_healthy() -> bool:
    from config.celery import app
    from config.health import OK, check_broker

    return check_broker(app, timeout=5).status == OK


PROBES = {"web": web_is_healthy, "worker": worker_is_healthy, "beat": beat_is_healthy}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in PROBES:
        print(f"usage: python -m config.healthcheck {'|'.join(PROBES)}", file=sys.stderr)
        return 2
    import django

    django.setup()
    return 0 if PROBES[argv[0]]() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
