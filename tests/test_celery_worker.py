"""A real worker process takes tasks from the configured broker (Redis in CI) and answers."""

import contextlib
import os

import pytest
from celery.signals import before_task_publish
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.support.tasks import user_exists, worker_pid

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_process_runs_a_task_and_returns_its_result(celery_worker):
    result = worker_pid.delay()

    pid = result.get(timeout=30)

    assert pid != os.getpid()
    success = f"Task tests.worker_pid[{result.id}] succeeded"
    assert celery_worker.logged(success), celery_worker.log()


def test_a_task_sent_on_commit_runs_after_the_commit_and_sees_the_new_rows(celery_worker):
    sent = []
    with transaction.atomic():
        get_user_model().objects.create(username="alice")
        transaction.on_commit(lambda: sent.append(user_exists.delay("alice")))
        assert sent == [], "nothing is published while the transaction is open"

    assert len(sent) == 1
    assert sent[0].get(timeout=30) is True


def test_a_task_registered_on_commit_is_never_sent_when_the_transaction_rolls_back():
    published = []

    def record(sender=None, **kwargs):
        published.append(sender)

    before_task_publish.connect(record)
    try:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            get_user_model().objects.create(username="bob")
            transaction.on_commit(lambda: user_exists.delay("bob"))
            raise RuntimeError("the researcher's action failed")
    finally:
        before_task_publish.disconnect(record)

    assert published == []
    assert not get_user_model().objects.filter(username="bob").exists()
