"""The owner's setting: from which count the dashboard shows numbers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.models import SMALL_COUNT_CEILING, SMALL_COUNT_FLOOR, Survey


def survey_set_small_count_threshold(*, survey: Survey, threshold: int, by) -> Survey:
    """Set the threshold (audited as THRESHOLD_CHANGED, with the old and new values). Only an
    owner may call this; the view checks. Setting the same value again records nothing."""
    if not SMALL_COUNT_FLOOR <= threshold <= SMALL_COUNT_CEILING:
        raise ValidationError(
            f"The threshold must be from {SMALL_COUNT_FLOOR} to {SMALL_COUNT_CEILING}."
        )
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        previous = locked.small_count_threshold
        if previous == threshold:
            return locked
        locked.small_count_threshold = threshold
        locked.save(update_fields=["small_count_threshold"])
        audit_record(
            actor=by,
            action=AuditEvent.Action.THRESHOLD_CHANGED,
            survey=locked,
            detail={"from": previous, "to": threshold},
        )
    return locked
