"""Personal API tokens, under the researcher's own account: make one (shown once), see what they
have, revoke one. A token only ever reaches what the researcher's roles allow (docs/api.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.tokens import token_create, token_revoke, tokens_of
from workspace.forms.tokens import ApiTokenForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def api_tokens(request):
    form = ApiTokenForm(data=request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_token = token_create(
            user=request.user, name=data["name"], scopes=data["scopes"], days=data["days"]
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": tokens_of(user=request.user),
        "now": timezone.now(),
        "nav_current": "api_tokens",
    }
    response = render(
        request, "workspace/api_tokens.html", context, status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"  # the page may show a token, once
    return response


@login_required
@require_POST
def api_token_revoke(request, token_id):
    token = get_object_or_404(tokens_of(user=request.user), pk=token_id)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("The token ‘%(name)s’ is revoked.") % {"name": token.name})
    return redirect("workspace:api_tokens")
