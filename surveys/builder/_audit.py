"""One way to record a change to a survey's draft, so every builder write is audited alike."""

from audit.models import AuditEvent
from audit.services import audit_record


def record_change(*, survey, by, change: str, **detail) -> None:
    audit_record(
        actor=by,
        action=AuditEvent.Action.SURVEY_CHANGED,
        survey=survey,
        detail={"change": change, **detail},
    )
