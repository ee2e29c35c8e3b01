"""The one row source every writer reads: a survey's responses, streamed from the database.

Rows come through `QuerySet.iterator(chunk_size=…)`: a server-side cursor on PostgreSQL and
chunked fetches on SQLite, so memory stays flat however many responses there are. Their order
is computed in the database: by default `MD5(seed:id)`, which is random, reproducible from the
seed and needs no memory on our side; without shuffling, by start date. Nothing read here ever
leaves as it is: the response id only feeds the order, and times are coarsened by the layout.

Statistics a cleaning step needs before the first row (a median, groups of duplicates) are SQL
aggregates over `queryset()`, never a list of every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, F, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import MD5, Cast, Concat

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
    duplicate_key: str | None = None  # set when duplicates are looked for

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


class RowSource:
    """The responses of one survey that an export reads, in the export's order."""

    def __init__(self, *, survey: Survey, seed: int, shuffle: bool):
        self.survey = survey
        self.seed = seed
        self.shuffle = shuffle
        self.restrictions: list[Restriction] = []
        self.with_duplicate_key = False

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
        """Every row, in order, with full answers."""
        fields = [*FIELDS, "duplicate_key"] if self.with_duplicate_key else list(FIELDS)
        queryset = self._ordered(self._annotated()).values_list(*fields)
        for values in queryset.iterator(chunk_size=chunk_size):
            yield SourceRow(*values)

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
        extracted = {f"answer_{i}": KeyTransform(k, "answers") for i, k in enumerate(ordered_keys)}
        fields = [f for f in FIELDS if f != "answers"]
        if self.with_duplicate_key:
            fields.append("duplicate_key")
        queryset = self._ordered(self._annotated().annotate(**extracted))
        queryset = queryset.values_list(*fields, *extracted)
        width = len(fields)
        for values in queryset.iterator(chunk_size=chunk_size):
            pairs = zip(ordered_keys, values[width:], strict=True)
            answers = {key: value for key, value in pairs if value is not None}
            head = dict(zip(fields, values[:width], strict=True))
            yield SourceRow(answers=answers, **head)

    def duplicate_groups(self) -> tuple[set[str], int]:
        """The keys shared by more than one row, and how many rows share them."""
        groups = (
            self._annotated(duplicate_key=True)
            .values("duplicate_key")
            .annotate(rows=Count("id"))
            .filter(rows__gt=1)
            .values_list("duplicate_key", "rows")
        )
        keys, rows = set(), 0
        for key, count in groups.iterator():
            keys.add(key)
            rows += count
        return keys, rows

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

    def _annotated(self, *, duplicate_key: bool | None = None) -> QuerySet:
        queryset = self.queryset().annotate(
            order_key=MD5(Concat(Value(f"{self.seed}:"), Cast("id", CharField())))
        )
        if duplicate_key or (duplicate_key is None and self.with_duplicate_key):
            queryset = queryset.annotate(duplicate_key=_duplicate_key())
        return queryset

    def _ordered(self, queryset: QuerySet) -> QuerySet:
        if self.shuffle:
            return queryset.order_by("order_key", "id")
        return queryset.order_by("started_on", "order_key", "id")


def _duplicate_key():
    """Rows identical in everything but their id share this: the same answers to the same
    version, the same status, start date, submission time and duration to the second."""
    parts = [
        Cast("answers", TextField()),
        Cast("version_id", CharField()),
        F("status"),
        Cast("started_on", CharField()),
        Cast("submitted_at", CharField()),
        Cast("duration_seconds", CharField()),
    ]
    joined: list = []
    for part in parts:
        joined += [part, Value("|")]
    return MD5(Concat(*joined, output_field=TextField()))
