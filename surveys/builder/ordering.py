"""Positions of pages, questions and choices: move one up or down, keep them 0, 1, 2 …"""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.db.models import QuerySet

Direction = Literal["up", "down"]


def move(*, siblings: QuerySet, item, direction: Direction) -> bool:
    """Swap `item` with its neighbour among `siblings` (same kind, same parent). False at an end."""
    with transaction.atomic():
        ordered = list(siblings.select_for_update().order_by("position", "pk"))
        index = next(i for i, row in enumerate(ordered) if row.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(ordered):
            return False
        ordered[index], ordered[other] = ordered[other], ordered[index]
        renumber(ordered)
    return True


def renumber(rows: list) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def next_position(siblings: QuerySet) -> int:
    last = siblings.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1
