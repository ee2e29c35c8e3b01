"""The one page of our own among allauth's: following an invitation link to sign up."""

from allauth.account.adapter import get_adapter
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.invitations import SESSION_KEY, invitation_for_token


@require_http_methods(["GET", "HEAD"])
def invitation(request, token):
    invited = invitation_for_token(token=token)
    if invited is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_in.html", {"invitation": invited})
    request.session[SESSION_KEY] = token
    # The link came to this address, so it is verified: allauth marks it so at sign-up.
    get_adapter(request).stash_verified_email(request, invited.email)
    return redirect("account_signup")
