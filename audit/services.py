"""Recording audit events. Every researcher action worth answering for calls `audit_record`."""

from __future__ import annotations

from typing import Any

from audit.models import AuditEvent


def audit_record(
    *, actor, action: str, survey=None, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event. `actor` is a user or None (a schedule, a command run by an operator);
    `detail` must be plain JSON and never hold respondent data."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_label(user),
        action=action,
        survey=survey,
        survey_label=survey.slug if survey is not None else "",
        detail=detail or {},
    )


def _label(user) -> str:
    if user is None:
        return ""
    return user.get_username() if not user.email else user.email
