"""Template helpers of the researcher shell: the survey sub-navigation and status tags."""

from django import template

from surveys.selectors import role_on_survey
from workspace.navigation import survey_navigation as navigation_for

register = template.Library()

STATUS_TAG_CLASSES = {
    "draft": "govuk-tag--grey",
    "open": "govuk-tag--green",
    "closed": "govuk-tag--orange",
    "archived": "govuk-tag--grey",
}


@register.inclusion_tag("workspace/_survey_navigation.html", takes_context=True)
def survey_navigation(context, survey):
    request = context["request"]
    match = request.resolver_match
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    role = role_on_survey(user=request.user, survey=survey)
    return {"items": navigation_for(slug=survey.slug, role=role, current_url_name=current)}


@register.filter
def status_tag_class(status: str) -> str:
    return STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")
