"""The row source streams: a server-side cursor on PostgreSQL, a random order from the seed."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection

from exports.source import RowSource
from tests.exports.conftest import FULL_ANSWERS, make_response


@pytest.fixture
def ten(every_type_survey):
    for years in range(10):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": years})
    return every_type_survey


def test_rows_come_from_a_server_side_cursor_on_postgresql(ten):
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's; SQLite fetches in chunks anyway")
    rows = RowSource(survey=ten, seed=1, shuffle=True).rows(chunk_size=3)

    next(rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_cursors")
        open_cursors = cursor.fetchall()
    remaining = list(rows)

    assert len(remaining) == 9
    assert len(open_cursors) == 1
    name, statement = open_cursors[0]
    assert name.startswith("_django_curs_")
    assert "DECLARE" in statement.upper() and "responses_response" in statement


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
