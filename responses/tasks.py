"""Periodic tasks of the respondent side (beat entries in config/settings.py). Thin wrappers:
the work is in responses.unlinking and responses.retention, and each task is safe to run twice."""

import logging

from celery import shared_task
from django.utils import timezone

from responses import ratelimit
from responses.retention import responses_delete_expired_unfinished
from responses.unlinking import unlinking_run

logger = logging.getLogger(__name__)


@shared_task(name="responses.unlink")
def unlink() -> int:
    """Rewrite what is waiting in shuffled batches; return how many surveys were rewritten."""
    return len(unlinking_run(now=timezone.now()))


@shared_task(name="responses.delete_expired")
def delete_expired() -> int:
    """Delete unfinished answers past their retention, and rate-limit counts past their window."""
    ratelimit.forget_expired()
    return responses_delete_expired_unfinished(now=timezone.now())
