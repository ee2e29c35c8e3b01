"""Answers counted by the database, every question at once: `answer_counts(survey=, wanted=)`.

Two GROUP BY queries over the answers of the survey's complete (not test) responses, which the
database's own JSON functions unnest — `jsonb_each` and friends on PostgreSQL, `json_each` on
SQLite — so a dashboard costs three scans of the answers however many questions the survey has.
(For the demo survey with 10,000 responses on PostgreSQL, one query per question took 11 s, one
per kind of answer 3.3 s, and these 1.7 s: `docs/researchers.md` has the figures.)

The SQL of the two databases differs only in the JSON functions, so each query is written twice
here, side by side. Answer keys are always query parameters; the only text put into the SQL is the
subquery Django compiles for the responses and one placeholder per key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection

from surveys.dashboard.statistics import complete_responses
from surveys.models import Survey

Counts = dict[str, int]  # answer value (as text) -> complete responses


@dataclass(frozen=True)
class Wanted:
    """Which answer keys to count, by how their answers are stored."""

    values: tuple[str, ...] = ()  # one value: single choice, dropdown, yes/no, scales
    lists: tuple[str, ...] = ()  # a list of values: multiple choice
    statements: tuple[str, ...] = ()  # {statement: value}: a matrix
    rankings: tuple[str, ...] = ()  # a list in order: its first item is counted
    texts: tuple[str, ...] = ()  # free text: how many non-empty answers


@dataclass(frozen=True)
class AnswerCounts:
    values: dict[str, Counts] = field(default_factory=dict)
    lists: dict[str, Counts] = field(default_factory=dict)
    lists_answered: dict[str, int] = field(default_factory=dict)
    statements: dict[str, dict[str, Counts]] = field(default_factory=dict)
    ranked_first: dict[str, Counts] = field(default_factory=dict)
    texts: dict[str, int] = field(default_factory=dict)


# One pass over every key of every answer document: one value each (single choice and the like,
# the first of a ranking), a count of non-empty text, a count of non-empty lists.
ONE_EACH = {
    "postgresql": """
        SELECT e.key, CASE WHEN e.key IN ({rankings}) THEN e.value ->> 0
                           WHEN e.key IN ({values}) THEN e.value #>> '{{}}' END, COUNT(*)
        FROM ({answers}) AS r, jsonb_each(r.answers) AS e
        WHERE (e.key IN ({values}) AND jsonb_typeof(e.value) IN ('string', 'number', 'boolean'))
           OR (e.key IN ({rankings}) AND jsonb_typeof(e.value) = 'array'
               AND e.value ->> 0 IS NOT NULL)
           OR (e.key IN ({texts}) AND jsonb_typeof(e.value) = 'string'
               AND e.value <> '""'::jsonb)
           OR (e.key IN ({lists}) AND jsonb_typeof(e.value) = 'array' AND e.value <> '[]'::jsonb)
        GROUP BY 1, 2""",
    "sqlite": """
        SELECT e.key, CASE WHEN e.key IN ({rankings}) THEN json_extract(e.value, '$[0]')
                           WHEN e.key IN ({values}) THEN CASE e.type WHEN 'true' THEN 'true'
                               WHEN 'false' THEN 'false' ELSE e.value END END, COUNT(*)
        FROM ({answers}) AS r, json_each(r.answers) AS e
        WHERE (e.key IN ({values}) AND e.type NOT IN ('null', 'object', 'array'))
           OR (e.key IN ({rankings}) AND e.type = 'array'
               AND json_extract(e.value, '$[0]') IS NOT NULL)
           OR (e.key IN ({texts}) AND e.type = 'text' AND e.value <> '')
           OR (e.key IN ({lists}) AND e.type = 'array' AND json_array_length(e.value) > 0)
        GROUP BY 1, 2""",
}
# Answers that hold several values, unnested: the items of lists, the statements of a matrix.
MANY_EACH = {
    "postgresql": """
        SELECT e.key, NULL, item, COUNT(*)
        FROM ({answers}) AS r, jsonb_each(r.answers) AS e,
             jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.value) = 'array'
                                       THEN e.value ELSE '[]'::jsonb END) AS item
        WHERE e.key IN ({lists}) GROUP BY 1, 2, 3
        UNION ALL
        SELECT e.key, s.key, s.value, COUNT(*)
        FROM ({answers}) AS r, jsonb_each(r.answers) AS e,
             jsonb_each_text(CASE WHEN jsonb_typeof(e.value) = 'object'
                             THEN e.value ELSE '{{}}'::jsonb END) AS s
        WHERE e.key IN ({statements}) AND s.value IS NOT NULL GROUP BY 1, 2, 3""",
    "sqlite": """
        SELECT e.key, NULL, item.value, COUNT(*)
        FROM ({answers}) AS r, json_each(r.answers) AS e,
             json_each(CASE WHEN e.type = 'array' THEN e.value ELSE '[]' END) AS item
        WHERE e.key IN ({lists}) GROUP BY 1, 2, 3
        UNION ALL
        SELECT e.key, s.key, s.value, COUNT(*)
        FROM ({answers}) AS r, json_each(r.answers) AS e,
             json_each(CASE WHEN e.type = 'object' THEN e.value ELSE '{{}}' END) AS s
        WHERE e.key IN ({statements}) AND s.type NOT IN ('null', 'object', 'array')
        GROUP BY 1, 2, 3""",
}
_PLACE = re.compile(r"\{(\w+)\}")


def answer_counts(*, survey: Survey, wanted: Wanted) -> AnswerCounts:
    """Counts of the answers to every key in `wanted`, from complete responses (not tests):
    two queries, each one scan of the survey's answers."""
    counts = AnswerCounts()
    for key, value, count in _rows(survey, ONE_EACH, wanted):
        if key in wanted.values:
            _add(counts.values.setdefault(key, {}), value, count)
        elif key in wanted.rankings:
            _add(counts.ranked_first.setdefault(key, {}), value, count)
        elif key in wanted.texts:
            counts.texts[key] = count
        else:
            counts.lists_answered[key] = count
    if wanted.lists or wanted.statements:
        for key, statement, value, count in _rows(survey, MANY_EACH, wanted):
            if statement is None:
                _add(counts.lists.setdefault(key, {}), value, count)
            else:
                place = counts.statements.setdefault(key, {}).setdefault(statement, {})
                _add(place, value, count)
    return counts


def _rows(survey: Survey, query: dict[str, str], wanted: Wanted) -> list[tuple]:
    """Run the query for this database, each {name} of it becoming one placeholder per key
    in `wanted.<name>` (or NULL, which matches nothing), with the keys as parameters."""
    answers_sql, answers_params = (
        complete_responses(survey).values("answers").query.sql_with_params()
    )
    params: list = []

    def placeholders(match: re.Match) -> str:
        if match.group(1) == "answers":
            params.extend(answers_params)
            return answers_sql
        keys = getattr(wanted, match.group(1))
        params.extend(keys)
        return ", ".join(["%s"] * len(keys)) or "NULL"

    template = query["postgresql" if connection.vendor == "postgresql" else "sqlite"]
    sql = _PLACE.sub(placeholders, template).replace("{{", "{").replace("}}", "}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _add(counts: Counts, value, count: int) -> None:
    """Counts by text value: a number stored as 3 on one row and "3" on another is one value."""
    text = str(value)
    counts[text] = counts.get(text, 0) + count
