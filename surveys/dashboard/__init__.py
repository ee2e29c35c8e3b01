"""The live dashboard of a survey: counts made by the database, small numbers suppressed.

- `survey_dashboard(*, survey) -> Dashboard` (summary): everything the dashboard page shows.
- `statistics`: the GROUP BY queries (raw counts; test responses never counted).
- `suppression`: which counts may be shown; the rule and its reasons are in its docstring.
- `questions.text_places(instrument)` / `statistics.text_answers(survey=, key=)`: free text.
- `survey_set_small_count_threshold(*, survey, threshold, by)`: the owner's setting, audited.
"""

from surveys.dashboard.summary import Dashboard, survey_dashboard
from surveys.dashboard.threshold import survey_set_small_count_threshold

__all__ = ["Dashboard", "survey_dashboard", "survey_set_small_count_threshold"]
