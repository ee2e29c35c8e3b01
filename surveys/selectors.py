"""Reads that check who may see what. The only place survey access is decided."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from config.joined_reads import JoinedRead, Table
from surveys.models import Choice, Page, Question, Survey, SurveyMembership, SurveyVersion


def survey_for_member(*, user, slug: str, roles: tuple[str, ...]) -> Survey:
    """The survey if `user` holds one of `roles` on it; 404 otherwise (never 403: a survey a
    person may not see does not exist for them)."""
    if not user.is_authenticated:
        raise Http404
    found = _MEMBERSHIP.fetch(slug, user.pk)  # one membership per survey and user
    if found is None or found[0].role not in roles:
        raise Http404
    return found[0].survey


# Read on every workspace and API request, so written once (config.joined_reads). The current
# version comes without its schema (tens of kB of JSON): whoever needs the instrument gets it
# parsed, by the version's id and checksum, from instrument_for_version.
_MEMBERSHIP = JoinedRead(
    (
        Table(SurveyMembership, "m"),
        Table(Survey, "s", via=("m", "survey")),
        Table(SurveyVersion, "v", via=("s", "current_version"), unread=frozenset({"schema"})),
    ),
    where=(("s", "slug"), ("m", "user")),
)


Role = SurveyMembership.Role

# What each role may do. Views pass one of these to `survey_for_member`; nothing else decides.
OWNER_ONLY = (Role.OWNER,)  # roles, deletion, follow-up contacts, overrides, thresholds
CAN_BUILD = (Role.OWNER, Role.EDITOR)  # edit the draft, publish, open and close
CAN_ANALYSE = (Role.OWNER, Role.ANALYST)  # responses, free text, exports and downloads
CAN_VIEW = (Role.OWNER, Role.EDITOR, Role.ANALYST, Role.VIEWER)  # the dashboard


# --- One helper per object kind: each finds the object through the user's role on its survey. ---


def role_on_survey(*, user, survey: Survey) -> str | None:
    """The user's role on the survey, or None (for showing things; access uses the helpers)."""
    if not user.is_authenticated:
        return None
    return (
        SurveyMembership.objects.filter(survey=survey, user=user)
        .values_list("role", flat=True)
        .first()
    )


def memberships_of(*, user):
    """The user's surveys with their role, for "Your surveys"."""
    return (
        SurveyMembership.objects.filter(user=user)
        .select_related("survey", "survey__current_version")
        .order_by("survey__title")
    )


def page_for_member(*, user, slug: str, page_id: int, roles: tuple[str, ...]) -> Page:
    survey = survey_for_member(user=user, slug=slug, roles=roles)
    return get_object_or_404(Page.objects.select_related("survey"), pk=page_id, survey=survey)


def question_for_member(*, user, slug: str, question_id: int, roles: tuple[str, ...]) -> Question:
    survey = survey_for_member(user=user, slug=slug, roles=roles)
    return get_object_or_404(
        Question.objects.select_related("page", "page__survey"), pk=question_id, page__survey=survey
    )


def choice_for_member(*, user, slug: str, choice_id: int, roles: tuple[str, ...]) -> Choice:
    survey = survey_for_member(user=user, slug=slug, roles=roles)
    return get_object_or_404(
        Choice.objects.select_related("question", "question__page", "question__page__survey"),
        pk=choice_id,
        question__page__survey=survey,
    )


def membership_for_owner(*, user, slug: str, membership_id: int) -> SurveyMembership:
    survey = survey_for_member(user=user, slug=slug, roles=OWNER_ONLY)
    return get_object_or_404(
        SurveyMembership.objects.select_related("user", "survey"), pk=membership_id, survey=survey
    )
