"""The one row source every writer reads: a survey's responses, streamed from the database.

On PostgreSQL rows come through `COPY (SELECT …) TO STDOUT (FORMAT BINARY)`: the server streams
them while we work on earlier ones, psycopg decodes the binary columns in C, and no ORM object or
converter is made per row; memory stays flat however many responses there are. Elsewhere
(SQLite) they come through `QuerySet.iterator(chunk_size=…)`. Their order is computed in the
database: by default `MD5(seed:id)`, which is random, reproducible from the seed and needs no
memory on our side; without shuffling, by start date. Nothing read here ever leaves as it is:
the response id only feeds the order, and times are coarsened by the layout.

Statistics a cleaning step needs before the first row (a median, groups of duplicates) are SQL
aggregates over `queryset()`, never a list of every row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from django.db import DatabaseError, connection
from django.db.models import (
    CharField,
    Count,
    F,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import MD5, Cast, Concat, RowNumber

from responses.models import Response
from surveys.models import Survey

CHUNK_SIZE = 2000
Restriction = Callable[[QuerySet], QuerySet]


@dataclass(slots=True)
class SourceRow:
    """One response as the pipeline reads it."""

    version_id: int
    status: str
    answers: dict[str, Any]
    started_on: date
    submitted_at: datetime | None
    duration_seconds: int | None
    channel: str
    is_test: bool
    order_key: str  # MD5 of the seed and the id: the row's place, and its export id

    @property
    def is_complete(self) -> bool:
        return self.status == Response.Status.COMPLETE


FIELDS = (
    "version_id",
    "status",
    "answers",
    "started_on",
    "submitted_at",
    "duration_seconds",
    "channel",
    "is_test",
    "order_key",
)
# How PostgreSQL sends each field in a binary COPY (answers come as their JSON text).
COPY_TYPES = {
    "version_id": "int8",
    "status": "text",
    "answers": "text",
    "started_on": "date",
    "submitted_at": "timestamptz",
    "duration_seconds": "int4",
    "channel": "text",
    "is_test": "bool",
    "order_key": "text",
}
# Besides their answers, what exact duplicates share.
SAME = ("version_id", "status", "started_on", "submitted_at", "duration_seconds")


class RowSource:
    """The responses of one survey that an export reads, in the export's order."""

    def __init__(self, *, survey: Survey, seed: int, shuffle: bool):
        self.survey = survey
        self.seed = seed
        self.shuffle = shuffle
        self.restrictions: list[Restriction] = []

    def restrict(self, restriction: Restriction) -> None:
        """Leave out rows in SQL (test responses, unfinished ones) before anything reads them."""
        self.restrictions.append(restriction)

    def queryset(self) -> QuerySet:
        queryset = Response.objects.filter(survey=self.survey)
        for restriction in self.restrictions:
            queryset = restriction(queryset)
        return queryset

    def count(self) -> int:
        return self.queryset().count()

    def version_ids(self) -> list[int]:
        return sorted(self.queryset().values_list("version_id", flat=True).distinct())

    def rows(self, *, chunk_size: int = CHUNK_SIZE) -> Iterator[SourceRow]:
        """Every row, in order, with full answers.

        While the rows stream, the connection is busy with them: on PostgreSQL nothing else may
        use this thread's database connection until the iterator is exhausted or closed.
        """
        if connection.vendor != "postgresql":
            queryset = self._ordered(self._annotated()).values_list(*FIELDS)
            for values in queryset.iterator(chunk_size=chunk_size):
                yield SourceRow(*values)
            return
        sql, params = self._rows_in_order_sql()
        loads = answers_decoded
        for values in _copied_sql(sql, params, [COPY_TYPES[f] for f in FIELDS]):
            row = SourceRow(*values)
            row.answers = loads(row.answers)
            yield row

    def _rows_in_order_sql(self) -> tuple[str, tuple]:
        """The rows' SQL on PostgreSQL: the order is worked out on the order keys alone, then
        each response is looked up by its primary key in that order (`LATERAL … LIMIT 1`
        keeps it a lookup per row rather than a join that sorts whole rows again).

        Sorting whole rows, answers as text included, meant sorting some 200 MB on disk at
        100k responses, in parallel workers competing with the export for the CPUs, before
        the first row came: 2 s. Keys alone sort in memory in a fraction of that, and the
        answers are turned into text as the rows stream, while the export works on earlier
        ones."""
        columns = ("id", "order_key", "started_on")
        keys = self._ordered(self._annotated()).values(*columns)
        keys_sql, params = keys.query.sql_with_params()
        order = ", ".join(f"key.{column}" for column in self._order())
        table = connection.ops.quote_name(Response._meta.db_table)
        selected = ", ".join(
            "key.order_key" if f == "order_key" else f"response.{f}" for f in FIELDS
        )
        looked_up = ", ".join(
            "answers::text AS answers" if f == "answers" else f for f in FIELDS if f != "order_key"
        )
        sql = f"""SELECT {selected}
            FROM ({keys_sql}) AS key
            CROSS JOIN LATERAL (
                SELECT {looked_up} FROM {table} WHERE id = key.id LIMIT 1
            ) AS response
            ORDER BY {order}"""  # noqa: S608 - our own column names and Django's compiled SQL
        return sql, params

    def light_rows(self, keys: set[str], *, chunk_size: int = CHUNK_SIZE) -> Iterator[SourceRow]:
        """Every row, in order, with only the answers under `keys`: what a first look needs
        (quasi-identifiers, say). PostgreSQL sends just those keys (`answers -> 'key'`), for a
        fraction of the cost of whole answers. SQLite's JSON_EXTRACT turns a text answer that
        looks like a number into a number, so there the whole answers are read and cut here.
        """
        if connection.vendor != "postgresql":
            for row in self.rows(chunk_size=chunk_size):
                row.answers = {key: row.answers[key] for key in keys if key in row.answers}
                yield row
            return
        ordered_keys = sorted(keys)
        extracted = {
            f"answer_{i}": Cast(KeyTransform(k, "answers"), TextField())
            for i, k in enumerate(ordered_keys)
        }
        fields = [f for f in FIELDS if f != "answers"]
        queryset = self._ordered(self._annotated().annotate(**extracted))
        queryset = queryset.values_list(*fields, *extracted)
        types = [COPY_TYPES[f] for f in fields] + ["text"] * len(extracted)
        width = len(fields)
        loads = answers_decoded
        for values in _copied(queryset, types):
            pairs = zip(ordered_keys, values[width:], strict=True)
            answers = {
                key: value
                for key, text in pairs
                if text is not None and (value := loads(text)) is not None
            }
            head = dict(zip(fields, values[:width], strict=True))
            yield SourceRow(answers=answers, **head)

    def duplicates(self) -> tuple[set[str], int, int]:
        """Exact duplicates (see `_duplicate_key`): the order keys of the rows to leave out
        (every row of a group after its first in the export's order), how many groups there
        are and how many rows they hold.

        Turning every response's answers into text to hash it costs more than the rest of
        the export's queries together, so on PostgreSQL only rows that share a cheap summary
        (`Response.answers_summary`, a hash the database keeps as answers are saved, and the
        other fields) are compared that way.
        """
        if connection.vendor == "postgresql":
            rows = self._duplicates_on_postgresql()
        else:
            rows = (
                self._annotated()
                .annotate(duplicate_key=_duplicate_key())
                .annotate(
                    place=Window(
                        RowNumber(), partition_by=[F("duplicate_key")], order_by=["order_key", "id"]
                    ),
                    size=Window(Count("id"), partition_by=[F("duplicate_key")]),
                )
                .filter(size__gt=1)
                .values_list("order_key", "place")
                .iterator()
            )
        later, groups, count = set(), 0, 0
        for order_key, place in rows:
            count += 1
            if place == 1:
                groups += 1
            else:
                later.add(order_key)
        return later, groups, count

    def _duplicates_on_postgresql(self) -> list[tuple[str, int]]:
        candidates = (
            self._annotated().values("id", "order_key", "answers_summary", *SAME).order_by()
        )
        sql, params = candidates.query.sql_with_params()
        same = ", ".join(SAME)
        summary = "answers_summary"
        # The few rows that share a summary are looked up one by one (`LATERAL … LIMIT 1`):
        # the planner cannot foresee how few they are and would scan the whole table to join.
        query = f"""
            WITH summarised AS (
                SELECT id, order_key, {same},
                       COUNT(*) OVER (PARTITION BY {summary}, {same}) AS sharing
                FROM ({sql}) AS candidate
            ), keyed AS (
                SELECT summarised.order_key, summarised.id, {same}, response.answers_key
                FROM summarised CROSS JOIN LATERAL (
                    SELECT MD5(answers::text) AS answers_key
                    FROM responses_response WHERE id = summarised.id LIMIT 1
                ) AS response
                WHERE summarised.sharing > 1
            ), placed AS (
                SELECT order_key,
                       ROW_NUMBER() OVER (
                           PARTITION BY answers_key, {same} ORDER BY order_key, id
                       ) AS place,
                       COUNT(*) OVER (PARTITION BY answers_key, {same}) AS size
                FROM keyed
            )
            SELECT order_key, place FROM placed WHERE size > 1
        """  # noqa: S608 - only our own column names and Django's compiled, parametrised SQL
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    def median_duration(self) -> float | None:
        """The median time complete responses took, in seconds (two small queries, no list)."""
        durations = (
            self.queryset()
            .filter(status=Response.Status.COMPLETE, duration_seconds__isnull=False)
            .order_by("duration_seconds")
            .values_list("duration_seconds", flat=True)
        )
        count = durations.count()
        if not count:
            return None
        middle = count // 2
        if count % 2:
            return float(durations[middle])
        low, high = durations[middle - 1 : middle + 1]
        return (low + high) / 2

    def _annotated(self) -> QuerySet:
        return self.queryset().annotate(
            order_key=MD5(Concat(Value(f"{self.seed}:"), Cast("id", CharField())))
        )

    def _ordered(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by(*self._order())

    def _order(self) -> tuple[str, ...]:
        if self.shuffle:
            return ("order_key", "id")
        return ("started_on", "order_key", "id")


def answers_decoded(text: str) -> Any:
    """Stored JSON (answers as PostgreSQL sends them) as Python values, by orjson: decoding every
    response is the largest single cost of reading rows, and orjson takes half json's time.
    It gives the same values as `json.loads` for everything Candour stores: it turns integers
    beyond 64 bits into floats, but no stored number reaches 10^15 (the question types refuse
    larger ones, `surveys.question_types.integer.LARGEST`). Whatever it refuses (a number too
    large for a float, which no question stores) is decoded by `json` as before."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


@contextmanager
def database_tuned() -> Iterator[None]:
    """PostgreSQL's JIT compiler off while an export queries: the MD5 order key and the
    duplicate check make its cost estimates large, so it compiles their expressions, which
    takes longer than running them (10 s of a 14 s query, measured at 100k responses on a
    loaded machine). A session setting, put back afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET jit")
        except DatabaseError:
            # The export failed with the connection (or its transaction): an aborted
            # transaction undoes the SET itself, and Django replaces a broken connection.
            pass


def _copied(queryset: QuerySet, types: list[str]) -> Iterator[tuple]:
    """The rows of `queryset` through `COPY (…) TO STDOUT (FORMAT BINARY)`, as tuples of
    Python values (`types`: each column's PostgreSQL type, in order)."""
    sql, params = queryset.query.sql_with_params()
    yield from _copied_sql(sql, params, types)


def _copied_sql(sql: str, params: tuple, types: list[str]) -> Iterator[tuple]:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)", params) as copy,
    ):
        copy.set_types(types)
        yield from copy.rows()


def _parts():
    return [
        Cast("version_id", CharField()),
        F("status"),
        Cast("started_on", CharField()),
        Cast("submitted_at", CharField()),
        Cast("duration_seconds", CharField()),
    ]


def _joined(parts):
    joined: list = []
    for part in parts:
        joined += [part, Value("|")]
    return MD5(Concat(*joined, output_field=TextField()))


def _duplicate_key():
    """Rows identical in everything but their id share this: the same answers to the same
    version, the same status, start date, submission time and duration to the second."""
    return _joined([Cast("answers", TextField()), *_parts()])
