"""allauth's behaviour for Candour: sign-up only through an invitation link, for its address."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext as _

from accounts.invitations import SESSION_KEY, invitation_for_token, invitations_accept


def invitation_in_session(request):
    token = request.session.get(SESSION_KEY) if request is not None else None
    return invitation_for_token(token=token) if token else None


class InvitationOnlyAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_in_session(request) is not None

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        invitation = invitation_in_session(self.request)
        if invitation is not None and email.lower() != invitation.email.lower():
            raise forms.ValidationError(
                _("Use the address the invitation was sent to: %(email)s")
                % {"email": invitation.email}
            )
        return email

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            invitations_accept(user=user)
            request.session.pop(SESSION_KEY, None)
        return user
