"""A new row's columns and values, worked out from the model's own fields as the ORM's INSERT
works them out (related objects checked, defaults and `pre_save` applied, each value prepared by
its field), for statements the ORM does not write: a bulk COPY, an INSERT inside a larger
statement. A field added to the model needs no change where these are used; generated columns
and a key the database makes are left to the database."""

from __future__ import annotations

from django.db.models import Field, Model


def insert_fields(model: type[Model]) -> list[Field]:
    """The fields a new row is written with, in the model's order."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.generated]
    if meta.pk.db_returning:  # a database-made key (an auto id)
        fields = [field for field in fields if field is not meta.pk]
    return fields


def insert_values(instance: Model, fields: list[Field], connection, *, operation: str) -> list:
    """The values of `fields` for a new row for `instance`, ready for `connection`."""
    instance._prepare_related_fields_for_save(operation_name=operation)
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
