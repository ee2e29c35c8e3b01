"""Reading the audit log."""

from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_events_for_survey(*, survey, action: str | None = None) -> QuerySet[AuditEvent]:
    """The survey's events, newest first; only those of `action` when it is given."""
    events = AuditEvent.objects.filter(survey=survey).select_related("actor")
    if action:
        events = events.filter(action=action)
    return events.order_by("-occurred_at", "-id")


def audit_actions_for_survey(*, survey) -> list[tuple[str, str]]:
    """(action, its description) of every kind of event the survey's log holds, in the order
    the actions are defined."""
    events = AuditEvent.objects.filter(survey=survey).order_by()
    present = set(events.values_list("action", flat=True).distinct())
    return [(value, label) for value, label in AuditEvent.Action.choices if value in present]
