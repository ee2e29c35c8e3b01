"""Synthetic responses in bulk, for benchmarks and exports at scale (`manage.py seed_responses`).

Every question that applies is answered with its type's `sample_answers` (the demo survey uses
its own generator, with plausible weights, from `surveys.demo.responses`), optional ones are
sometimes skipped, and the result is pruned exactly as the respondent journey prunes. Walking
the instrument costs about half a millisecond a response, so a pool of distinct answer
documents is made once and each response draws one from it, with its own start date, duration
and submission time; 100,000 responses then take seconds, not minutes. On PostgreSQL rows go
in with COPY.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from config.new_rows import insert_fields, insert_values
from responses.anonymity import coarsen
from responses.models import Response
from surveys.demo.instrument import DEMO_SLUG
from surveys.demo.responses import (
    DAYS_OPEN,
    OPTIONAL_SKIP_RATE,
    seconds_to_complete,
    synthetic_answers,
)
from surveys.models import Survey
from surveys.relevance import condition_holds, prune
from surveys.schema import Instrument, instrument_for_version

POOL_SIZE = 2000
BATCH_SIZE = 2000


class NotPublished(Exception):
    """The survey has no published version to answer."""


def responses_seed(
    *,
    survey: Survey,
    count: int,
    seed: int,
    batch_size: int = BATCH_SIZE,
    pool_size: int = POOL_SIZE,
) -> int:
    """Add `count` complete synthetic responses to the survey's current version; returns `count`.

    Rows are inserted in batches of `batch_size`, each batch in its own transaction, so memory
    stays flat whatever the count.
    """
    version = survey.current_version
    if version is None:
        raise NotPublished(f"‘{survey.slug}’ has no published version to answer.")
    instrument = instrument_for_version(version)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible on purpose
    make = synthetic_answers if survey.slug == DEMO_SLUG else sample_answers
    pool = [make(instrument, rng) for _ in range(min(count, pool_size))]
    today = timezone.localdate()
    insert = _copy_rows if connection.vendor == "postgresql" else _bulk_create
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        rows = [_response(survey, version, rng.choice(pool), rng, today) for _ in range(size)]
        with transaction.atomic():
            insert(rows)
        made += size
    return made


def sample_answers(instrument: Instrument, rng: random.Random) -> dict:
    """A whole response made of each type's sample answers, as the journey would store it."""
    answers: dict = {}
    for page in instrument.pages:
        if not condition_holds(page.relevant_ast, answers):
            continue
        for question in page.questions:
            kind = question.kind
            if not kind.has_answer or not condition_holds(question.relevant_ast, answers):
                continue
            if not kind.is_required(question) and rng.random() < OPTIONAL_SKIP_RATE:
                continue
            answers |= kind.sample_answers(question, rng)
    return prune(instrument, answers)


def _bulk_create(rows: list[Response]) -> None:
    Response.objects.bulk_create(rows)


def _copy_rows(rows: list[Response]) -> None:
    """PostgreSQL's COPY: several times faster than INSERT for wide JSON rows. The columns and
    values come from the model's own fields, so a field added or removed needs no change here
    (the database computes generated ones)."""
    fields = insert_fields(Response)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(Response._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(insert_values(row, fields, connection, operation="seed"))


def _response(survey, version, answers, rng: random.Random, today) -> Response:
    day = today - timedelta(days=rng.randint(1, DAYS_OPEN - 1))
    seconds = seconds_to_complete(rng)
    began = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59))))
    return Response(
        survey=survey,
        version=version,
        status=Response.Status.COMPLETE,
        answers=answers,
        started_on=day,
        submitted_at=coarsen(began + timedelta(seconds=seconds), survey.submit_time_precision),
        duration_seconds=seconds,
        is_test=False,
        channel=Response.Channel.IMPORT,
    )
