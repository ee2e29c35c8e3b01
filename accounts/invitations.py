"""Adding a colleague to a survey by e-mail, and the invitation an unknown address receives.

The link in an invitation is the only way to sign up: it is single-use (its acceptance is
recorded), expires after CANDOUR_INVITATION_DAYS, and only its hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Invitation
from audit.models import AuditEvent
from audit.services import audit_record
from surveys.builder.team import membership_add
from surveys.models import Survey, SurveyMembership

SESSION_KEY = "candour_invitation"


@dataclass(frozen=True)
class ColleagueAdded:
    """What adding a colleague did: a membership for a known address, else an invitation."""

    membership: SurveyMembership | None = None
    invitation: Invitation | None = None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_with_email(email: str):
    """The account that has proved this address (case does not matter), if any.

    An address someone added to their account but never verified does not count: otherwise
    anyone could claim a colleague's address and receive the roles meant for them. Accounts made
    outside allauth (createsuperuser) have no address records; their own e-mail counts.
    """
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email, emailaddress__isnull=True).first()


def colleague_add(
    *, survey: Survey, email: str, role: str, by, link_for: callable
) -> ColleagueAdded:
    """Give `email` a role on the survey, inviting the address to sign up if it is unknown.

    `link_for(token)` turns an invitation token into the absolute sign-up link put in the
    e-mail; `link_for(None)` gives the link to the survey, for someone who already has an account.
    """
    email = email.strip()
    user = user_with_email(email)
    if user is not None:
        membership = membership_add(survey=survey, user=user, role=role, by=by)
        _send(
            "added",
            to=user.email,
            context={"membership": membership, "by": by, "link": link_for(None)},
        )
        return ColleagueAdded(membership=membership)
    invitation, token = invitation_create(survey=survey, email=email, role=role, by=by)
    invitation_send(invitation=invitation, link=link_for(token))
    return ColleagueAdded(invitation=invitation)


def invitation_create(
    *, survey: Survey, email: str, role: str, by, now: datetime | None = None
) -> tuple[Invitation, str]:
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        survey=survey,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=by,
        expires_at=now + timedelta(days=settings.CANDOUR_INVITATION_DAYS),
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.ROLE_GRANTED,
        survey=survey,
        detail={"invitation": invitation.pk, "email": email, "role": role},
    )
    return invitation, token


def invitation_send(*, invitation: Invitation, link: str) -> None:
    context = {"invitation": invitation, "link": link, "days": settings.CANDOUR_INVITATION_DAYS}
    _send("invitation", to=invitation.email, context=context)


def _send(kind: str, *, to: str, context: dict) -> None:
    send_mail(
        subject=render_to_string(f"accounts/email/{kind}_subject.txt", context).strip(),
        message=render_to_string(f"accounts/email/{kind}_message.txt", context),
        from_email=None,
        recipient_list=[to],
    )


def invitation_for_token(*, token: str, now: datetime | None = None) -> Invitation | None:
    """The invitation behind a link, if it is unused and unexpired."""
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("survey")
        .filter(token_hash=_hash(token), accepted_at__isnull=True, expires_at__gt=now)
        .first()
    )


def invitations_accept(*, user, now: datetime | None = None) -> list[SurveyMembership]:
    """Turn every open invitation to the new account's address into its role, once."""
    now = now or timezone.now()
    memberships = []
    with transaction.atomic():
        pending = Invitation.objects.select_for_update().filter(
            email__iexact=user.email, accepted_at__isnull=True, expires_at__gt=now
        )
        for invitation in pending:
            invitation.accepted_at = now
            invitation.save(update_fields=["accepted_at"])
            if SurveyMembership.objects.filter(survey=invitation.survey, user=user).exists():
                continue
            membership = SurveyMembership.objects.create(
                survey=invitation.survey, user=user, role=invitation.role
            )
            audit_record(
                actor=user,
                action=AuditEvent.Action.ROLE_GRANTED,
                survey=invitation.survey,
                detail={
                    "membership": membership.pk,
                    "email": membership.user.email,
                    "role": membership.role,
                    "accepted_invitation": invitation.pk,
                },
            )
            memberships.append(membership)
    return memberships
