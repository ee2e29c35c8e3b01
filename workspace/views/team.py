"""The owner-only team page: add a colleague by e-mail, change a role, remove someone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.invitations import colleague_add
from accounts.models import Invitation
from surveys.builder.team import TeamChangeRefused, membership_change_role, membership_remove
from surveys.selectors import OWNER_ONLY, membership_for_owner, survey_for_member
from workspace.forms.team import ColleagueAddForm, RoleChangeForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    form = ColleagueAddForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            added = colleague_add(
                survey=survey,
                email=email,
                role=role,
                by=request.user,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("account_invitation", args=[token])
                    if token
                    else reverse("workspace:survey_list")
                ),
            )
        except TeamChangeRefused as refused:
            form.add_error("email", str(refused))
        else:
            if added.invitation is not None:
                messages.success(
                    request,
                    _("%(email)s has no account yet: we sent an invitation.") % {"email": email},
                )
            else:
                messages.success(request, _("%(email)s is now on the team.") % {"email": email})
            return redirect("workspace:team", slug=survey.slug)
    return render(
        request,
        "workspace/team.html",
        {
            "survey": survey,
            "form": form,
            "memberships": survey.memberships.select_related("user").order_by("user__email"),
            "invitations": Invitation.objects.filter(
                survey=survey, accepted_at__isnull=True, expires_at__gt=timezone.now()
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_member(request, slug, membership_id):
    membership = membership_for_owner(user=request.user, slug=slug, membership_id=membership_id)
    survey = membership.survey
    form = RoleChangeForm(
        data=request.POST if request.method == "POST" and "remove" not in request.POST else None,
        initial={"role": membership.role},
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                membership_remove(membership=membership, by=request.user)
                messages.success(
                    request,
                    _("%(email)s was removed from the team.") % {"email": membership.user.email},
                )
                if membership.user_id == request.user.pk:
                    return redirect("workspace:survey_list")
                return redirect("workspace:team", slug=survey.slug)
            if form.is_valid():
                membership_change_role(
                    membership=membership, role=form.cleaned_data["role"], by=request.user
                )
                messages.success(request, _("Role changed."))
                return redirect("workspace:team", slug=survey.slug)
        except TeamChangeRefused as refused:
            messages.error(request, str(refused))
            return redirect("workspace:team_member", slug=survey.slug, membership_id=membership.pk)
    return render(
        request,
        "workspace/team_member.html",
        {"survey": survey, "membership": membership, "form": form},
    )
