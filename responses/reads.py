"""The read every respondent page after the start page makes, as a statement written once.

A page view, a page save, the check page and submitting all begin by reading the respondent's
response with its survey and its version (without the version's schema, which
`instrument_for_version` holds parsed). Through the ORM, `select_related` over the three tables
was compiled into SQL afresh on every request, and compiling it cost more than running it: a
quarter of a page save's CPU and a sixth of a page view's (`bench/profile_page.py`, see
docs/benchmarks.md). Here the statement is made once per database connection, from the models'
own field lists, and each row becomes model instances through Django's own converters and
`Model.from_db`: a field added to one of the models is read with no change here, on PostgreSQL
and SQLite alike.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model

from responses.models import Response
from surveys.models import Survey, SurveyVersion

LEFT_UNREAD = {SurveyVersion: {"schema"}}  # parsed once per version by instrument_for_version


@dataclass(frozen=True)
class _Table:
    model: type[Model]
    alias: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> list[str]:
        return [field.attname for field in self.fields]


def _table(model: type[Model], alias: str) -> _Table:
    unread = LEFT_UNREAD.get(model, set())
    fields = tuple(f for f in model._meta.concrete_fields if f.name not in unread)
    return _Table(model, alias, fields)


@functools.cache
def _tables() -> tuple[_Table, _Table, _Table]:
    return _table(Response, "r"), _table(Survey, "s"), _table(SurveyVersion, "v")


@functools.cache
def _statement(alias: str, lock: bool, by_slug: bool) -> str:
    connection = connections[alias]
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"{table.alias}.{quote(field.column)}" for table in _tables() for field in table.fields
    )
    pk = quote(Response._meta.pk.column)
    # Names come from the models' own metadata, quoted; values are always parameters.
    sql = (
        f"SELECT {columns} FROM {quote(Response._meta.db_table)} r"  # noqa: S608
        f" INNER JOIN {quote(Survey._meta.db_table)} s"
        f" ON s.{quote(Survey._meta.pk.column)} = r.{quote(Response.survey.field.column)}"
        f" INNER JOIN {quote(SurveyVersion._meta.db_table)} v"
        f" ON v.{quote(SurveyVersion._meta.pk.column)} = r.{quote(Response.version.field.column)}"
        f" WHERE r.{pk} = %s"
    )
    if by_slug:
        sql += f" AND s.{quote(Survey._meta.get_field('slug').column)} = %s"
    if lock and connection.features.has_select_for_update:
        # Only the response's row: locking the survey's too made every save on a survey wait
        # for every other one in flight.
        of = " OF r" if connection.features.has_select_for_update_of else ""
        sql += f" FOR UPDATE{of}"
    return sql


@functools.cache
def _converters(alias: str) -> tuple[tuple, ...]:
    """Per column, what Django applies to a value read from this database (as the ORM would)."""
    connection = connections[alias]
    converters = []
    for table in _tables():
        for field in table.fields:
            column = field.get_col(table.alias)
            converters.append(
                (
                    column,
                    tuple(
                        connection.ops.get_db_converters(column)
                        + column.get_db_converters(connection)
                    ),
                )
            )
    return tuple(converters)


def response_with_survey(
    response_id: uuid.UUID,
    slug: str | None = None,
    *,
    lock: bool = False,
    using: str = DEFAULT_DB_ALIAS,
) -> Response | None:
    """The response with this id (on the survey at `slug`, when given), its survey and version
    read with it (`response.survey`, `response.version`), or None. With `lock`, its row stays
    locked until the transaction ends (the caller is in one)."""
    connection = connections[using]
    if lock and not connection.in_atomic_block:
        raise RuntimeError("A locking read needs a transaction (transaction.atomic).")
    params = [Response._meta.pk.get_db_prep_value(response_id, connection)]
    if slug is not None:
        params.append(slug)
    with connection.cursor() as cursor:
        cursor.execute(_statement(using, lock, slug is not None), params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for position, (column, converters) in enumerate(_converters(using)):
        for converter in converters:
            values[position] = converter(values[position], column, connection)
    made = []
    start = 0
    for table in _tables():
        end = start + len(table.fields)
        made.append(table.model.from_db(using, table.names, values[start:end]))
        start = end
    response, survey, version = made
    response.survey = survey
    response.version = version
    return response
