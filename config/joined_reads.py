"""Reads made on every request, as statements written once instead of compiled per request.

The ORM compiles a queryset into SQL each time it runs it, and for a `select_related` read of
a few wide tables compiling cost more than running: a quarter of a respondent's page save, a
third of an API submission (`bench/profile_page.py`, docs/benchmarks.md). A `JoinedRead` is
such a read declared once (tables joined along foreign keys, equality conditions, an optional
row lock) and made into SQL once per database connection, from the models' own field lists;
each row becomes model instances through Django's own converters and `Model.from_db`, with the
joined instances set on their foreign keys as `select_related` sets them. So a field added to a
model is read with no change here, on PostgreSQL and SQLite alike.

Only for hot paths with a measured cost: everything else stays with the ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model


@dataclass(frozen=True)
class Table:
    """A model in the read. The first is the one read; each other is joined on a foreign key
    `via=(alias, field name)` of a table before it, and set on that field once read (to None
    when a nullable key is empty: such a join is an outer one)."""

    model: type[Model]
    alias: str
    via: tuple[str, str] | None = None
    unread: frozenset[str] = frozenset()  # fields left deferred (large columns)

    @functools.cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.model._meta.concrete_fields if f.name not in self.unread)

    @functools.cached_property
    def names(self) -> list[str]:
        return [f.attname for f in self.fields]


@dataclass(frozen=True)
class JoinedRead:
    """SELECT the tables' columns WHERE each of `where` (alias, field name) equals a value."""

    tables: tuple[Table, ...]
    where: tuple[tuple[str, str], ...]
    _statements: dict = field(default_factory=dict, compare=False, repr=False)
    _converters: dict = field(default_factory=dict, compare=False, repr=False)

    def fetch(
        self, *values, lock: bool = False, using: str = DEFAULT_DB_ALIAS
    ) -> Sequence[Model] | None:
        """The instances of the first matching row, one per table, or None. With `lock`, the
        first table's row stays locked until the transaction ends (the caller is in one)."""
        connection = connections[using]
        if lock and not connection.in_atomic_block:
            raise RuntimeError("A locking read needs a transaction (transaction.atomic).")
        params = [
            where_field.get_db_prep_value(value, connection)
            for where_field, value in zip(self._where_fields, values, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(self._statement(using, lock), params)
            row = cursor.fetchone()
        if row is None:
            return None
        return self._instances(using, list(row))

    @functools.cached_property
    def _where_fields(self) -> tuple[Field, ...]:
        return tuple(self._field(alias, name) for alias, name in self.where)

    def _table(self, alias: str) -> Table:
        return next(table for table in self.tables if table.alias == alias)

    def _field(self, alias: str, name: str) -> Field:
        return self._table(alias).model._meta.get_field(name)

    def _statement(self, using: str, lock: bool) -> str:
        key = (using, lock)
        if key not in self._statements:
            self._statements[key] = self._make_statement(using, lock)
        return self._statements[key]

    def _make_statement(self, using: str, lock: bool) -> str:
        connection = connections[using]
        quote = connection.ops.quote_name
        first, *joined = self.tables
        columns = ", ".join(
            f"{table.alias}.{quote(f.column)}" for table in self.tables for f in table.fields
        )
        # Names come from the models' own metadata, quoted; values are always parameters.
        sql = f"SELECT {columns} FROM {quote(first.model._meta.db_table)} {first.alias}"  # noqa: S608
        for table in joined:
            parent, name = table.via
            key = self._field(parent, name)
            target = quote(table.model._meta.pk.column)
            join = "LEFT OUTER JOIN" if key.null else "INNER JOIN"
            sql += (
                f" {join} {quote(table.model._meta.db_table)} {table.alias}"
                f" ON {table.alias}.{target} = {parent}.{quote(key.column)}"
            )
        conditions = [
            f"{alias}.{quote(self._field(alias, name).column)} = %s" for alias, name in self.where
        ]
        sql += " WHERE " + " AND ".join(conditions)
        if lock and connection.features.has_select_for_update:
            of = f" OF {first.alias}" if connection.features.has_select_for_update_of else ""
            sql += f" FOR UPDATE{of}"
        return sql

    def _column_converters(self, using: str) -> list[tuple]:
        """Per column, what Django applies to a value read from this database (as the ORM does)."""
        if using not in self._converters:
            connection = connections[using]
            converters = []
            for table in self.tables:
                for model_field in table.fields:
                    column = model_field.get_col(table.alias)
                    found = connection.ops.get_db_converters(column)
                    found += column.get_db_converters(connection)
                    converters.append((column, tuple(found)))
            self._converters[using] = converters
        return self._converters[using]

    def _instances(self, using: str, values: list) -> list[Model]:
        connection = connections[using]
        for position, (column, converters) in enumerate(self._column_converters(using)):
            for converter in converters:
                values[position] = converter(values[position], column, connection)
        made: dict[str, Model | None] = {}
        start = 0
        for table in self.tables:
            end = start + len(table.fields)
            row = values[start:end]
            start = end
            pk_position = table.fields.index(table.model._meta.pk)
            instance = None
            if row[pk_position] is not None:  # None: an outer join that found nothing
                instance = table.model.from_db(using, table.names, row)
            made[table.alias] = instance
            if table.via is not None and made[table.via[0]] is not None:
                setattr(made[table.via[0]], table.via[1], instance)
        return list(made.values())
