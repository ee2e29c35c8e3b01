"""The read every respondent page after the start page makes, as a statement written once.

A page view, a page save, the check page and submitting all begin by reading the respondent's
response with its survey and its version (without the version's schema, which
`instrument_for_version` holds parsed). Through the ORM, `select_related` over the three tables
was compiled into SQL afresh on every request, and compiling it cost more than running it: a
quarter of a page save's CPU and a sixth of a page view's (`bench/profile_page.py`, see
docs/benchmarks.md). `config.joined_reads` writes it once.
"""

from __future__ import annotations

import uuid

from django.db import DEFAULT_DB_ALIAS

from config.joined_reads import JoinedRead, Table
from responses.models import Response
from surveys.models import Survey, SurveyVersion

_TABLES = (
    Table(Response, "r"),
    # The logo's bytes are served by their own view; pages need only its fingerprint.
    Table(Survey, "s", via=("r", "survey"), unread=frozenset({"organisation_logo"})),
    # The schema is parsed once per version by instrument_for_version.
    Table(SurveyVersion, "v", via=("r", "version"), unread=frozenset({"schema"})),
)
_BY_ID = JoinedRead(_TABLES, where=(("r", "id"),))
_BY_ID_AND_SLUG = JoinedRead(_TABLES, where=(("r", "id"), ("s", "slug")))


def response_with_survey(
    response_id: uuid.UUID,
    slug: str | None = None,
    *,
    lock: bool = False,
    using: str = DEFAULT_DB_ALIAS,
) -> Response | None:
    """The response with this id (on the survey at `slug`, when given), its survey and version
    read with it (`response.survey`, `response.version`), or None. With `lock`, its row stays
    locked until the transaction ends (the caller is in one); only the response's row: locking
    the survey's too made every save on a survey wait for every other one in flight."""
    if slug is None:
        found = _BY_ID.fetch(response_id, lock=lock, using=using)
    else:
        found = _BY_ID_AND_SLUG.fetch(response_id, slug, lock=lock, using=using)
    return found[0] if found else None
