"""Reading the audit log."""

from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_events_for_survey(*, survey) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(survey=survey).select_related("actor")
