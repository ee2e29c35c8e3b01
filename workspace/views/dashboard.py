"""The dashboard (every role), its free-text answers (owners and analysts) and the owner's
small-number threshold. The figures come from surveys.dashboard, already suppressed; these
views only lay them out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from surveys.dashboard import survey_dashboard, survey_set_small_count_threshold
from surveys.dashboard.questions import QuestionSummary, text_places
from surveys.dashboard.statistics import text_answers
from surveys.dashboard.suppression import count_figure
from surveys.schema import instrument_for_version
from surveys.selectors import CAN_ANALYSE, CAN_VIEW, OWNER_ONLY, role_on_survey, survey_for_member
from workspace.charts import BarChart, chart_of, chart_of_groups, chart_of_series
from workspace.forms.dashboard import ThresholdForm

ANSWERS_PER_PAGE = 25


@login_required
@require_GET
def dashboard(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_VIEW)
    role = role_on_survey(user=request.user, survey=survey)
    board = survey_dashboard(survey=survey)
    periods = [board.started_by_period, board.completed_by_period]
    context = {
        "survey": survey,
        "board": board,
        "can_read_text": role in CAN_ANALYSE,
        "is_owner": role in OWNER_ONLY,
        "period_rows": list(zip(*(b.rows for b in periods), strict=True)),
        "periods_chart": chart_of_series(
            "chart-periods",
            _("Responses started and completed per month")
            if board.by_month
            else _("Responses started and completed per day"),
            periods,
        ),
        "dropoff_chart": chart_of("chart-dropoff", board.dropoff) if board.dropoff else None,
        "questions": [(summary, _question_chart(summary)) for summary in board.questions],
    }
    return render(request, "workspace/dashboard/dashboard.html", context)


def _question_chart(summary: QuestionSummary) -> BarChart | None:
    chart_id = f"chart-{summary.code}"
    if len(summary.breakdowns) == 1:
        (breakdown,) = summary.breakdowns
        return None if breakdown.withheld else chart_of(chart_id, breakdown)
    if all(breakdown.withheld for breakdown in summary.breakdowns):
        return None
    return chart_of_groups(chart_id, summary.label, summary.breakdowns)


@login_required
@require_GET
def dashboard_answers(request, slug, place):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_ANALYSE)
    if survey.current_version is None:
        raise Http404
    places = dict(text_places(instrument_for_version(survey.current_version)))
    if place not in places:
        raise Http404
    answers = text_answers(survey=survey, key=place)
    answered = count_figure(answers.count(), threshold=survey.small_count_threshold)
    page = None
    if answered.shown and answered.value:
        page = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/dashboard/answers.html",
        {"survey": survey, "label": places[place], "answered": answered, "page": page},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dashboard_threshold(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    form = ThresholdForm(
        data=request.POST if request.method == "POST" else None,
        initial={"threshold": survey.small_count_threshold},
    )
    if request.method == "POST" and form.is_valid():
        survey_set_small_count_threshold(
            survey=survey, threshold=form.cleaned_data["threshold"], by=request.user
        )
        messages.success(request, _("The dashboard's smallest number is saved."))
        return redirect("workspace:dashboard", slug=survey.slug)
    return render(
        request,
        "workspace/dashboard/threshold.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )
