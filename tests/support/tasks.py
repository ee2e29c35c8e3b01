"""Tasks that exist only for tests; the test worker loads them with `--include`."""

import os

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task(name="tests.worker_pid")
def worker_pid() -> int:
    return os.getpid()


@shared_task(name="tests.user_exists")
def user_exists(username: str) -> bool:
    return get_user_model().objects.filter(username=username).exists()
