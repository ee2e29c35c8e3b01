"""What the benchmark's sessions do, by name. A new scenario is a class in a module here with
the `bench.load.Scenario` methods, and an entry in `SCENARIOS` (a function that makes it).

The order of `SCENARIOS` is the order they run in and are reported in; `--scenarios` picks some.
"""

from __future__ import annotations

from bench.scenarios.api import ApiSubmissions
from bench.scenarios.ceiling import Ceiling
from bench.scenarios.respondents import PagePairs, Respondents


def _like_for_like():
    from bench.instruments import like_for_like_survey

    return like_for_like_survey()


def _demo():
    from surveys.demo.seed import demo_survey_seed

    return demo_survey_seed().survey


SCENARIOS = {
    "ceiling": Ceiling,
    "pairs": lambda: PagePairs(
        name="page GET + POST pairs, 60 questions as 6 pages of 10", make_survey=_like_for_like
    ),
    "sixty": lambda: Respondents(
        name="respondents, 60 questions as 6 pages of 10", make_survey=_like_for_like
    ),
    "demo": lambda: Respondents(name="respondents, demo survey ({pages} pages)", make_survey=_demo),
    "api": lambda: ApiSubmissions(
        name="API submissions, one whole response of the 60 questions each",
        make_survey=_like_for_like,
    ),
}
