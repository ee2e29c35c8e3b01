"""What the respondent views share: finding the survey and response, headers, refusals."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from config.logs import respondent_view_context
from responses.availability import Availability
from responses.models import Response
from responses.reads import response_with_survey
from responses.respondent import response_id_from_cookie
from surveys.logic import referenced_codes, to_json
from surveys.models import Survey
from surveys.relevance import prune
from surveys.schema import Instrument, PageSpec


def respondent_view(view):
    """For every respondent page: no caching anywhere (a shared computer's Back button must not
    show someone's answers), not indexed, and posts only from this site's own pages.

    Respondent views keep no server-side session; forms carry their own token (see
    responses.respondent), so Django's CSRF cookie is not needed. Whatever they log is about a
    respondent, and is written without path or address, and only at the next hour (config.logs).
    """

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not _same_origin(request):
            return HttpResponseForbidden(_("This form can only be sent from this site."))
        with respondent_view_context():
            response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, max-age=0"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _same_origin(request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:  # older browsers and plain clients send none
        return True
    parts = urlsplit(origin)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


def survey_for(slug: str) -> Survey:
    # The version's schema (the whole instrument, tens of kB of JSON) is left in the database:
    # instrument_for_version has it parsed already, by the version's id and checksum.
    surveys = Survey.objects.select_related("current_version").defer("current_version__schema")
    survey = get_object_or_404(surveys, slug=slug)
    if survey.current_version is None or survey.status == Survey.Status.DRAFT:
        raise Http404
    return survey


def survey_and_response(
    request, slug: str, *, lock: bool = False
) -> tuple[Survey, Response | None]:
    """The survey at `slug` and the respondent's response on it (None if they have none).

    One query when the browser has a response cookie: the response is read with its survey and
    version joined (responses.reads), which is what every page after the start page needs;
    with `lock`, its row stays locked until the caller's transaction ends. Without a cookie, or
    with one whose response is gone, the survey is read alone (and the response is None).
    """
    response_id = response_id_from_cookie(request, slug)
    if response_id is not None:
        response = response_with_survey(response_id, slug, lock=lock)
        if response is not None:
            if (
                response.survey.current_version_id is None
                or response.survey.status == Survey.Status.DRAFT
            ):
                raise Http404
            return response.survey, response
    return survey_for(slug), None


def response_for(request, survey: Survey) -> Response | None:
    response_id = response_id_from_cookie(request, survey.slug)
    if response_id is None:
        return None
    return (
        Response.objects.select_related("version")
        .defer("version__schema")
        .filter(pk=response_id, survey=survey)
        .first()
    )


def page_url(survey: Survey, index: int) -> str:
    return survey_url(survey.slug, "page", index + 1)


def survey_url(slug: str, name: str, *args) -> str:
    """The address of the respondent view `responses:<name>` of the survey at `slug`.

    Every respondent page links to four or five of these (header, quick exit, footer) and each
    POST redirects to one; reversing them cost more than the rest of the page's links together.
    An address depends only on its arguments and on the URL configuration and script prefix in
    force, so it is worked out once per combination and kept (a bounded number).
    """
    return _reversed(
        f"responses:{name}",
        (slug, *args),
        get_script_prefix(),
        get_urlconf(),
        settings.ROOT_URLCONF,
    )


@functools.lru_cache(maxsize=8192)
def _reversed(view: str, args: tuple, _prefix: str, _urlconf, _root_urlconf) -> str:
    return reverse(view, args=args)


def bad_request(request, survey: Survey | None, message: str) -> HttpResponse:
    body = render_to_string(
        "responses/problem.html", {"survey": survey, "message": message}, request=request
    )
    return HttpResponseBadRequest(body)


def unavailable(
    request, survey: Survey, availability: Availability, *, status: int = 200
) -> HttpResponse:
    body = render_to_string(
        "responses/unavailable.html",
        {"survey": survey, "availability": availability.value},
        request=request,
    )
    return HttpResponse(body, status=status)


def progress(instrument: Instrument, page: PageSpec) -> tuple[int, int]:
    """("Section 2 of 6"): this page's section, and how many sections there are.

    Counting the pages that apply would change the total mid-survey (an answer makes a page
    apply or not) and could make the figure go back. So the count is of sections: every page
    that always applies starts one, and a page that applies only to some people belongs to the
    section before it. The figures depend only on the instrument, never on answers: along any
    route they never go down and the total never changes.
    """
    starts = [p.index for p in instrument.pages if p.relevant_ast is None]
    if not starts:
        return 1, 1
    position = sum(1 for start in starts if start <= page.index)
    return max(position, 1), len(starts)


def page_logic(instrument: Instrument, page: PageSpec, answers: dict) -> dict:
    """What the page's script needs to show and hide same-page follow-up questions."""
    page_codes = {q.code for q in page.questions}
    conditions = {}
    needed: set[str] = set()
    for question in page.questions:
        if question.relevant_ast is None:
            continue
        codes = referenced_codes(question.relevant_ast)
        if codes & page_codes:
            conditions[question.code] = to_json(question.relevant_ast)
            needed |= codes - page_codes
    earlier = prune(instrument, answers)
    return {
        "conditions": conditions,
        "answers": {code: earlier[code] for code in sorted(needed) if code in earlier},
        "types": {q.code: q.type for q in page.questions},
    }
