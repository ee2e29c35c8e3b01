"""The dashboard of one survey, as it may be shown: `survey_dashboard(survey=)`.

Every figure in a `Dashboard` has been through `surveys.dashboard.suppression`; the page and its
charts are drawn from it alone.

What is not protected, on purpose: started minus completed is the number of unfinished
responses, which the two headline figures give away even when it is small. It says how many have
not finished (yet), never what anyone answered, and hiding it would mean hiding one of the two
numbers a research team watches most. And a dashboard that is watched can be compared with
itself an hour later: anything shown is shown as it changes (docs/researchers.md says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from surveys.dashboard import statistics
from surveys.dashboard.breakdown import Breakdown, breakdown_of_parts
from surveys.dashboard.questions import QuestionSummary, TextQuestion, questions_summary
from surveys.dashboard.suppression import Figure, count_figure, rate
from surveys.models import Survey
from surveys.schema import Instrument, instrument_for_version


@dataclass(frozen=True)
class Dashboard:
    threshold: int
    version_number: int | None
    started: Figure
    completed: Figure
    completion_rate: str | None
    median_duration: str | None
    by_month: bool
    started_by_period: Breakdown
    completed_by_period: Breakdown
    dropoff: Breakdown | None
    questions: tuple[QuestionSummary, ...]
    text_questions: tuple[TextQuestion, ...]

    @property
    def published(self) -> bool:
        return self.version_number is not None


def survey_dashboard(*, survey: Survey) -> Dashboard:
    threshold = survey.small_count_threshold
    totals = statistics.participation(survey=survey)
    durations = statistics.median_duration(survey=survey)
    by_month = survey.submit_time_precision == Survey.TimePrecision.MONTH
    started, completed = _periods(survey, by_month, threshold)
    version = survey.current_version
    instrument = instrument_for_version(version) if version is not None else None
    answers = (
        questions_summary(survey=survey, instrument=instrument, threshold=threshold)
        if instrument
        else None
    )
    return Dashboard(
        threshold=threshold,
        version_number=version.number if version is not None else None,
        started=count_figure(totals.started, threshold=threshold),
        completed=count_figure(totals.completed, threshold=threshold),
        completion_rate=rate(totals.completed, totals.started, threshold=threshold),
        median_duration=_median_words(durations, threshold),
        by_month=by_month,
        started_by_period=started,
        completed_by_period=completed,
        dropoff=_dropoff(survey, instrument, threshold) if instrument else None,
        questions=answers.questions if answers else (),
        text_questions=answers.texts if answers else (),
    )


def _periods(survey: Survey, by_month: bool, threshold: int) -> tuple[Breakdown, Breakdown]:
    """Started and completed per period, over the same periods (each column protected on its
    own: each adds up to a headline figure)."""
    started = statistics.started_by_period(survey=survey, by_month=by_month)
    completed = statistics.completed_by_period(survey=survey, by_month=by_month)
    periods = sorted(set(started) | set(completed))
    labels = [period_label(period, by_month=by_month) for period in periods]

    def column(title: str, counts: dict[date, int]) -> Breakdown:
        labelled = [
            (label, counts.get(period, 0)) for label, period in zip(labels, periods, strict=True)
        ]
        return breakdown_of_parts(
            title=title, counts=labelled, threshold=threshold, with_percent=False
        )

    return column(_("Started"), started), column(_("Completed"), completed)


def period_label(period: date, *, by_month: bool) -> str:
    return formats.date_format(period, "F Y" if by_month else "j M Y")


def _dropoff(survey: Survey, instrument: Instrument, threshold: int) -> Breakdown:
    """Unfinished responses to the published version, by the furthest page they reached."""
    version = survey.current_version
    stopped = statistics.stopped_by_page(survey=survey, version=version)
    labelled = [
        (
            _("Page %(number)d: %(title)s") % {"number": page.number, "title": page.title},
            stopped.get(page.index, 0),
        )
        for page in instrument.pages
    ]
    labelled.append((_("At the end, not submitted"), stopped.get(len(instrument.pages), 0)))
    return breakdown_of_parts(
        title=_("Where unfinished responses stopped"), counts=labelled, threshold=threshold
    )


def _median_words(durations: statistics.Durations, threshold: int) -> str | None:
    """The median in whole minutes, or None when too few responses have a duration."""
    if durations.median_seconds is None or durations.count < threshold:
        return None
    minutes = round(durations.median_seconds / 60)
    if minutes < 1:
        return _("under a minute")
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}
