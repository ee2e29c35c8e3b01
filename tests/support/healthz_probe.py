"""Ask /healthz from a separate process with its own configuration (environment variables).

For each line read on stdin it requests /healthz once and prints one JSON line:
{"status_code": ..., "elapsed": seconds, "body": {...}}. Tests use it to see how Candour behaves
with a database or broker that is really unreachable, which one process cannot reconfigure.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in sys.stdin:
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
        answer = {"status_code": response.status_code, "elapsed": elapsed, "body": response.json()}
        print(json.dumps(answer))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
