"""`Idempotency-Key` for submissions: a retry after a timeout never stores a response twice.

- the first request with a key claims it: a row inserted in its own transaction under a unique
  constraint (user, key), so of many requests at once exactly one goes ahead;
- a later request with the same key and the same body replays the first one's status and body;
- the same key with a different body is refused (422): a key names one request;
- while the first is still being processed, others get 409 and may retry.

A key is spent only when a response was stored under it. A request that stored nothing (invalid
answers, a closed survey, a server error) gives its key back, so the corrected response can be
sent again with the same key; sending the same invalid body again simply gets the same errors.
Keys are forgotten after `API_IDEMPOTENCY_DAYS`.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from api.models import IdempotencyRecord

MAX_KEY_LENGTH = 255
State = IdempotencyRecord.State


@dataclass(frozen=True)
class Claim:
    """What a key gives: `record` to finish (we go ahead), or a result to replay, or a refusal."""

    record: IdempotencyRecord | None = None
    replay: IdempotencyRecord | None = None
    conflict: str = ""  # "in_flight" or "different_request"


def request_fingerprint(*, path: str, body) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{path}\n{canonical}".encode()).hexdigest()


def idempotency_claim(*, user, key: str, fingerprint: str) -> Claim:
    try:
        # Committed at once, alone, so that a concurrent request sees the claim. Outside any
        # transaction, as a request begins, the INSERT is one statement that commits itself;
        # inside one, a savepoint keeps a lost race from spoiling the caller's transaction.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            record = IdempotencyRecord.objects.create(
                user=user, key=key, request_hash=fingerprint, created_on=timezone.localdate()
            )
        return Claim(record=record)
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if existing is None:  # given back between our insert and this read: the caller may retry
        return Claim(conflict="in_flight")
    if existing.request_hash != fingerprint:
        return Claim(conflict="different_request")
    if existing.state == State.DONE:
        return Claim(replay=existing)
    return Claim(conflict="in_flight")


def idempotency_finish(*, record: IdempotencyRecord, status_code: int, body) -> None:
    """Keep the result to replay. Call inside the transaction that stored the response, so that
    the response and its key's result are committed together or not at all."""
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        state=State.DONE, status_code=status_code, body=body
    )


def idempotency_release(*, record: IdempotencyRecord) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk, state=State.IN_FLIGHT).delete()


def idempotency_forget_old(*, today=None) -> int:
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.API_IDEMPOTENCY_DAYS)
    deleted, _ = IdempotencyRecord.objects.filter(created_on__lt=cutoff).delete()
    return deleted
