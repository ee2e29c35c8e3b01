"""What the scale grid template (`scale_grid.html`) needs: the points and a row per statement.

Likert, 0–10 and matrix questions share it, so a scale reads in order at every width (see the
template). A point marked non-substantive (Not applicable, Don't know) is drawn apart from the
scale, as it is not one of its points.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    value: str
    label: str
    note: str = ""  # what an end point means ("Not at all likely"), shown beside it
    apart: bool = False


def grid_context(points: list[Point], rows: list[dict], *, statements: bool) -> dict:
    """`rows`: dicts with value, label, name (the radio group's field name), current value,
    errors and error_id. Radio ids are `id_<name>_<position>`, as error-summary links expect."""
    return {
        "statements": statements,
        "points": points,
        "grid_rows": [
            {
                **row,
                "options": [
                    {
                        "value": point.value,
                        "label": point.label,
                        "note": point.note,
                        "apart": point.apart,
                        "id": f"id_{row['name']}_{position}",
                        "checked": point.value == row["current"],
                    }
                    for position, point in enumerate(points, start=1)
                ],
            }
            for row in rows
        ],
    }


def single_row(bound_field) -> dict:
    """The one row of a single-statement scale, from its bound form field."""
    current = bound_field.value()
    return {
        "value": "",
        "label": "",
        "name": bound_field.html_name,
        "current": "" if current is None else str(current),
        "errors": [],
        "error_id": "",
    }
