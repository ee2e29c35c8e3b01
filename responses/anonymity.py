"""Times stored with a response, made too coarse to single anyone out."""

from datetime import date, datetime

from django.utils import timezone

from surveys.models import Survey

Precision = Survey.TimePrecision


def coarsen(moment: datetime, precision: str) -> datetime:
    """`moment` truncated to the survey's precision, in the site's time zone."""
    local = timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)
    if precision == Precision.HOUR:
        return local
    local = local.replace(hour=0)
    if precision == Precision.MONTH:
        local = local.replace(day=1)
    return local


def coarse_date(moment: datetime, precision: str) -> date:
    return coarsen(moment, precision).date()
