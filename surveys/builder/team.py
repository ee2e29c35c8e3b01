"""Roles on a survey: add, change and remove, never leaving a survey without an owner."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.models import Survey, SurveyMembership

Role = SurveyMembership.Role


class TeamChangeRefused(Exception):
    """The change would break a rule of the team (a message for the owner)."""


def membership_add(*, survey: Survey, user, role: str, by) -> SurveyMembership:
    """Give an existing account a role; someone already on the team keeps their membership."""
    if SurveyMembership.objects.filter(survey=survey, user=user).exists():
        raise TeamChangeRefused(
            _("%(email)s is already on this survey's team.") % {"email": user.email}
        )
    membership = SurveyMembership.objects.create(survey=survey, user=user, role=role)
    audit_record(
        actor=by,
        action=AuditEvent.Action.ROLE_GRANTED,
        survey=survey,
        detail={"membership": membership.pk, "email": membership.user.email, "role": role},
    )
    return membership


def _other_owners(membership: SurveyMembership) -> bool:
    return (
        SurveyMembership.objects.select_for_update()
        .filter(survey_id=membership.survey_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


def membership_change_role(*, membership: SurveyMembership, role: str, by) -> SurveyMembership:
    with transaction.atomic():
        membership = SurveyMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.OWNER and not _other_owners(membership):
            raise TeamChangeRefused(
                _("A survey needs at least one owner: make someone else an owner first.")
            )
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=by,
            action=AuditEvent.Action.ROLE_CHANGED,
            survey=membership.survey,
            detail={
                "membership": membership.pk,
                "email": membership.user.email,
                "from": old,
                "to": role,
            },
        )
    return membership


def membership_remove(*, membership: SurveyMembership, by) -> None:
    with transaction.atomic():
        membership = SurveyMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.OWNER and not _other_owners(membership):
            raise TeamChangeRefused(
                _("A survey needs at least one owner: make someone else an owner first.")
            )
        audit_record(
            actor=by,
            action=AuditEvent.Action.ROLE_REVOKED,
            survey=membership.survey,
            detail={
                "membership": membership.pk,
                "email": membership.user.email,
                "role": membership.role,
            },
        )
        membership.delete()
