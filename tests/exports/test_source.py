"""The row source streams: a server-side cursor on PostgreSQL, a random order from the seed."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from psycopg.pq import TransactionStatus

from exports.source import RowSource
from tests.exports.conftest import FULL_ANSWERS, make_response


@pytest.fixture
def ten(every_type_survey):
    for years in range(10):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": years})
    return every_type_survey


def test_rows_stream_through_copy_on_postgresql(ten):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite fetches in chunks through the ORM")
    rows = RowSource(survey=ten, seed=1, shuffle=True).rows()

    next(rows)
    pid = connection.connection.info.backend_pid
    still_copying = connection.connection.info.transaction_status
    other = connection.copy()  # another session, to look at this one from outside
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
            (statement,) = cursor.fetchone()
    finally:
        other.close()
    remaining = list(rows)

    assert len(remaining) == 9
    assert still_copying == TransactionStatus.ACTIVE  # a command in progress: the COPY
    assert statement.startswith("COPY (SELECT") and "responses_response" in statement
    assert "TO STDOUT (FORMAT BINARY)" in statement
    assert connection.connection.info.transaction_status != TransactionStatus.ACTIVE


def test_rows_are_in_the_order_of_md5_of_seed_and_id(ten):
    rows = list(RowSource(survey=ten, seed=42, shuffle=True).rows())
    ids = list(ten.responses.values_list("id", flat=True))
    as_text = [str(pk) if connection.vendor == "postgresql" else pk.hex for pk in ids]
    expected = sorted(hashlib.md5(f"42:{pk}".encode()).hexdigest() for pk in as_text)  # noqa: S324

    assert [row.order_key for row in rows] == expected


def test_without_shuffling_rows_come_by_start_date(every_type_survey):
    from datetime import date

    for day in (3, 1, 2):
        make_response(
            every_type_survey, {**FULL_ANSWERS, "years": day}, started_on=date(2026, 1, day)
        )

    rows = list(RowSource(survey=every_type_survey, seed=1, shuffle=False).rows())

    assert [row.answers["years"] for row in rows] == [1, 2, 3]


def test_a_light_first_look_reads_only_the_keys_it_needs(ten):
    rows = list(RowSource(survey=ten, seed=1, shuffle=True).light_rows({"role", "years"}))
    full = list(RowSource(survey=ten, seed=1, shuffle=True).rows())

    assert [row.answers for row in rows] == [
        {"role": row.answers["role"], "years": row.answers["years"]} for row in full
    ]


def test_the_median_time_comes_from_the_database(every_type_survey):
    for seconds in (100, 300, 200, 400):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": seconds}, duration=seconds)

    assert RowSource(survey=every_type_survey, seed=1, shuffle=True).median_duration() == 250


@pytest.mark.parametrize(
    "text",
    [
        '{"years": 12, "hours": 7.5, "tiny": 1e-7, "negative": -0.0, "largest": 999999999999999}',
        '{"note": "Caf\\u00e9 \\"quoted\\"\\n\\ttab", "raw": "Café – 😀", "empty": ""}',
        '{"grid": {"a": 1, "b": 2}, "seen": ["online", "other"], "none": null, "yes": true}',
        '{"tenth": 0.1, "third": 0.3333333333333333, "big": 1.7976931348623157e308}',
    ],
)
def test_answers_decode_to_the_same_values_as_the_json_module(text):
    import json

    from exports.source import answers_decoded

    decoded = answers_decoded(text)

    assert decoded == json.loads(text)
    assert [type(v) for v in decoded.values()] == [type(v) for v in json.loads(text).values()]


def test_answers_orjson_refuses_are_decoded_by_the_json_module():
    from exports.source import answers_decoded

    assert answers_decoded('{"far": 1e400}') == {"far": float("inf")}


def test_the_database_keeps_a_summary_of_the_answers_for_the_duplicate_check(every_type_survey):
    from responses.models import Response

    first = make_response(every_type_survey, dict(FULL_ANSWERS))
    second = make_response(every_type_survey, dict(FULL_ANSWERS))
    first.answers = {**FULL_ANSWERS, "role": "social_worker"}
    first.save(update_fields=["answers"])
    summaries = dict(Response.objects.values_list("id", "answers_summary"))
    third = make_response(every_type_survey, {**FULL_ANSWERS, "role": "social_worker"})

    assert summaries[second.id] is not None
    assert summaries[first.id] != summaries[second.id]  # changed with the answers
    assert Response.objects.get(id=third.id).answers_summary == summaries[first.id]
