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
from django.db import IntegrityError, connection, connections, router, transaction
from django.db.models import Model
from django.utils import timezone

from api.models import IdempotencyRecord
from config.new_rows import insert_fields, insert_values

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
        with _alone(connection):
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


def idempotency_finish(*, record: IdempotencyRecord, status_code: int, body, stored: Model) -> None:
    """Insert `stored` (the new response) and keep the result to replay, in one statement: they
    are committed together or not at all, and without a transaction's BEGIN and COMMIT around
    an INSERT and an UPDATE (four round trips of a submission's eight become one). The INSERT
    is made from the model's own fields, as `save(force_insert=True)` makes it."""
    connection = connections[router.db_for_write(type(stored))]
    if connection.vendor != "postgresql":
        # SQLite (development, the demo) has no INSERT inside WITH: the same two writes in one
        # transaction.
        with transaction.atomic(using=connection.alias):
            stored.save(force_insert=True, using=connection.alias)
            IdempotencyRecord.objects.using(connection.alias).filter(pk=record.pk).update(
                **dict(_result_fields(status_code, body))
            )
        return
    insert, insert_params = _insert_statement(stored, connection)
    quote = connection.ops.quote_name
    meta = IdempotencyRecord._meta
    result = [(meta.get_field(name), value) for name, value in _result_fields(status_code, body)]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field, _ in result)
    table, key = quote(meta.db_table), quote(meta.pk.column)
    # Only the models' own quoted names; every value is a parameter.
    sql = f"WITH stored AS ({insert}) UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    params = [field.get_db_prep_save(value, connection) for field, value in result]
    with _alone(connection), connection.cursor() as cursor:
        cursor.execute(sql, [*insert_params, *params, record.pk])
    stored._state.adding = False
    stored._state.db = connection.alias


def _result_fields(status_code: int, body) -> tuple:
    return (("state", State.DONE), ("status_code", status_code), ("body", body))


def _insert_statement(instance: Model, connection) -> tuple[str, list]:
    """The INSERT of a new row for `instance`, every concrete field's value prepared by the
    field itself (defaults and `pre_save` included), as the ORM prepares them."""
    fields = insert_fields(type(instance))
    params = insert_values(instance, fields, connection, operation="save")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(instance._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    return sql, params


def _alone(connection):
    """One statement commits itself outside a transaction; inside one (a test, or a caller's),
    a savepoint keeps its failure from spoiling the caller's transaction."""
    if connection.in_atomic_block:
        return transaction.atomic(using=connection.alias)
    return nullcontext()


def idempotency_release(*, record: IdempotencyRecord) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk, state=State.IN_FLIGHT).delete()


def idempotency_forget_old(*, today=None) -> int:
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.API_IDEMPOTENCY_DAYS)
    deleted, _ = IdempotencyRecord.objects.filter(created_on__lt=cutoff).delete()
    return deleted
