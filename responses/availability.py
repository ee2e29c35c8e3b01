"""Whether a survey takes answers now: from new respondents, and from people already answering."""

from datetime import datetime
from enum import Enum

from surveys.models import Survey


class Availability(Enum):
    OPEN = "open"
    NOT_PUBLISHED = "not_published"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    FULL = "full"


def complete_count(survey: Survey) -> int:
    return survey.responses.filter(status="complete", is_test=False).count()


def for_new_respondents(survey: Survey, now: datetime) -> Availability:
    if survey.current_version_id is None or survey.status == Survey.Status.DRAFT:
        return Availability.NOT_PUBLISHED
    if survey.status != Survey.Status.OPEN:
        return Availability.CLOSED
    if survey.opens_at and now < survey.opens_at:
        return Availability.NOT_YET_OPEN
    if survey.closes_at and now >= survey.closes_at:
        return Availability.CLOSED
    if survey.response_limit is not None and complete_count(survey) >= survey.response_limit:
        return Availability.FULL
    return Availability.OPEN


def for_people_answering(survey: Survey, now: datetime) -> Availability:
    """People who have started may finish until the closing time plus the grace period."""
    if survey.status != Survey.Status.OPEN:
        return Availability.CLOSED
    deadline = survey.closing_deadline_for_in_progress()
    if deadline and now >= deadline:
        return Availability.CLOSED
    return Availability.OPEN
