"""How long unfinished answers are kept: not forever.

An unfinished response is deleted `Survey.unfinished_retention_days` after it was last saved, and
in any case once the survey's grace period after closing has ended (nobody can finish it then).
The last-save date is kept no more precisely than the survey keeps times; when that is a month,
the days are counted from the end of the month, so nobody loses answers early.
"""

from datetime import datetime, timedelta

from django.db.models import Q

from responses.anonymity import coarse_date
from responses.models import Response
from surveys.models import Survey


def expired_unfinished(survey: Survey, now: datetime) -> Q:
    """The condition that makes one of the survey's unfinished responses due for deletion."""
    deadline = survey.closing_deadline_for_in_progress()
    if deadline is not None and now >= deadline:
        return Q()
    stale_before = coarse_date(
        now - timedelta(days=survey.unfinished_retention_days), survey.submit_time_precision
    )
    return Q(last_saved_on__lt=stale_before) | Q(
        last_saved_on__isnull=True, started_on__lt=stale_before
    )


def responses_delete_expired_unfinished(*, now: datetime) -> int:
    """Delete every unfinished response past its survey's retention; return how many."""
    unfinished = Response.objects.filter(status=Response.Status.IN_PROGRESS)
    deleted = 0
    for survey in Survey.objects.filter(responses__status=Response.Status.IN_PROGRESS).distinct():
        count, _ = unfinished.filter(expired_unfinished(survey, now), survey=survey).delete()
        deleted += count
    return deleted
