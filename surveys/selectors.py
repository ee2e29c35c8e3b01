"""Reads that check who may see what. The only place survey access is decided."""

from django.http import Http404

from surveys.models import Survey, SurveyMembership


def survey_for_member(*, user, slug: str, roles: tuple[str, ...]) -> Survey:
    """The survey if `user` holds one of `roles` on it; 404 otherwise (never 403: a survey a
    person may not see does not exist for them)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        SurveyMembership.objects.select_related("survey")
        .filter(survey__slug=slug, user=user, role__in=roles)
        .first()
    )
    if membership is None:
        raise Http404
    return membership.survey


Role = SurveyMembership.Role

# What each role may do. Views pass one of these to `survey_for_member`; nothing else decides.
OWNER_ONLY = (Role.OWNER,)  # roles, deletion, follow-up contacts, overrides, thresholds
CAN_BUILD = (Role.OWNER, Role.EDITOR)  # edit the draft, publish, open and close
CAN_ANALYSE = (Role.OWNER, Role.ANALYST)  # responses, free text, exports and downloads
CAN_VIEW = (Role.OWNER, Role.EDITOR, Role.ANALYST, Role.VIEWER)  # the dashboard


def member_role(*, user, survey: Survey) -> str | None:
    """The user's role on the survey, or None. For showing or hiding actions in a page whose
    access was already decided by `survey_for_member`."""
    if not user.is_authenticated:
        return None
    return (
        SurveyMembership.objects.filter(survey=survey, user=user)
        .values_list("role", flat=True)
        .first()
    )
