"""Respondents over HTTP: the demo survey and the like-for-like instrument, page by page.

A respondent opens the start page, starts, and on each page the server sends them to reads the
form (its hidden fields and the names of its inputs) and posts answers that satisfy every
question's rules (the question types' own sample answers), then checks and submits, and sees
the completion page. Afterwards every respondent's cookie leads to exactly one complete
response holding exactly the answers they posted (less those the skip logic drops).

`PagePairs` is the same instrument seen as page views and saves only: each session starts once,
then views and saves every page in turn, `rounds` times over.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from bench.load import BenchFailed, Browser

HIDDEN = re.compile(r'name="(token|shown)" value="([^"]*)"')
INPUT_NAME = re.compile(r'name="([^"]+)"')
PAGE_PATH = re.compile(r"/p/(\d+)/")


@dataclass
class RespondentPlan:
    number: int
    address: str
    page_answers: list[dict]  # stored answers, by page index
    page_data: list[dict]  # the same as form fields, by page index
    posted: list[int] = field(default_factory=list)  # filled in by the session
    cookie: str = ""


def address(number: int) -> str:
    """Respondents come from many networks (starts are limited per network per hour)."""
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


class Respondents:
    unit = "respondents"
    units_per_session = 1

    def __init__(self, *, name: str, make_survey, seed: int = 1):
        self.name = name
        self._make_survey = make_survey
        self.seed = seed

    def prepare(self) -> None:
        from surveys.schema import instrument_for_version

        self.survey = self._make_survey()
        self.slug = self.survey.slug
        self.instrument = instrument_for_version(self.survey.current_version)
        self.name = self.name.format(pages=len(self.instrument.pages))
        self.complete_before = self._complete_through_pages().count()

    def plan(self, number: int) -> RespondentPlan:
        from surveys.question_types import field_name

        rng = random.Random(f"{self.seed}-{self.slug}-{number}")  # noqa: S311 - sample answers
        answers, data = [], []
        for page in self.instrument.pages:
            page_answers, page_data = {}, {}
            for question in page.questions:
                if not question.kind.has_answer:
                    continue
                sample = question.kind.sample_answers(question, rng)
                page_answers |= sample
                for suffix, value in question.kind.initial(question, sample).items():
                    page_data[field_name(question, suffix)] = value
            answers.append(page_answers)
            data.append(page_data)
        return RespondentPlan(number, address(number), answers, data)

    def session(self, browser: Browser, plan: RespondentPlan) -> None:
        base = f"/s/{self.slug}/"
        browser.get("start page", base)
        location = browser.post("begin", f"{base}start/", {}).location
        location = self.walk_pages(browser, plan, location)
        if location.endswith("/check/"):
            check = browser.get("check page", location)
            location = browser.post(
                "submit", f"{base}submit/", dict(HIDDEN.findall(check.text))
            ).location
        if not location.endswith("/complete/"):
            raise BenchFailed(
                f"respondent {plan.number} ended at {location}, not the completion page"
            )
        plan.cookie = browser.cookies.get("candour_response", "")
        browser.get("complete page", location)

    def walk_pages(self, browser: Browser, plan: RespondentPlan, location: str) -> str:
        """View and save every page the server sends the respondent to; where it sends them next."""
        while match := PAGE_PATH.search(location):
            index = int(match.group(1)) - 1
            location = self.view_and_save(browser, plan, location, index)
        return location

    def view_and_save(self, browser: Browser, plan: RespondentPlan, path: str, index: int) -> str:
        shown = browser.get("page GET", path)
        names = set(INPUT_NAME.findall(shown.text))
        answers = {name: value for name, value in plan.page_data[index].items() if name in names}
        data = {**dict(HIDDEN.findall(shown.text)), "action": "continue", **answers}
        saved = browser.post("page POST", path, data)
        if saved.status != 302:
            raise BenchFailed(f"{path} refused respondent {plan.number}'s answers ({saved.status})")
        plan.posted.append(index)
        return saved.location

    def expected_answers(self, plan: RespondentPlan) -> dict:
        from surveys.relevance import prune

        merged: dict = {}
        for index in plan.posted:
            page_keys = {
                k for q in self.instrument.pages[index].questions for k in q.kind.answer_keys(q)
            }
            merged = {k: v for k, v in merged.items() if k not in page_keys} | plan.page_answers[
                index
            ]
            merged = prune(self.instrument, merged)
        return merged

    def _complete_through_pages(self):
        """Complete responses made in a browser (the api scenario may share the survey)."""
        from responses.models import Response

        return self.survey.responses.filter(
            status=Response.Status.COMPLETE, channel=Response.Channel.WEB
        )

    def verify(self, plans: list[RespondentPlan], *, status: str = "complete") -> str:
        from responses.models import Response
        from responses.respondent import COOKIE_NAME, respondent_cookie

        for plan in plans:
            cookie = respondent_cookie(
                SimpleNamespace(COOKIES={COOKIE_NAME: plan.cookie}), self.slug
            )
            response_id = cookie.response_id if cookie else None
            response = Response.objects.filter(pk=response_id, survey=self.survey).first()
            if response is None or response.status != status:
                raise BenchFailed(f"respondent {plan.number} has no {status} response")
            if response.answers != self.expected_answers(plan):
                raise BenchFailed(
                    f"respondent {plan.number}'s response does not hold the answers posted"
                )
        if status == Response.Status.COMPLETE:
            complete = self._complete_through_pages().count()
            if complete - self.complete_before != len(plans):
                made = complete - self.complete_before
                raise BenchFailed(f"{made} complete responses for {len(plans)} respondents")
        return (
            f"each of the {len(plans)} respondents of {self.slug} left exactly one {status} "
            "response holding the answers they posted"
        )


class PagePairs(Respondents):
    """Page views and saves (GET + POST pairs) on one instrument, for the ratio to the ceiling."""

    unit = "page pairs"

    def __init__(self, *, name: str, make_survey, rounds: int = 2, seed: int = 2):
        super().__init__(name=name, make_survey=make_survey, seed=seed)
        self.rounds = rounds

    def prepare(self) -> None:
        super().prepare()
        self.units_per_session = self.rounds * len(self.instrument.pages)

    def session(self, browser: Browser, plan: RespondentPlan) -> None:
        base = f"/s/{self.slug}/"
        location = browser.post("begin", f"{base}start/", {}).location
        first = int(PAGE_PATH.search(location).group(1)) - 1
        for _ in range(self.rounds):
            for index in range(first, len(self.instrument.pages)):
                self.view_and_save(browser, plan, f"{base}p/{index + 1}/", index)
        plan.cookie = browser.cookies.get("candour_response", "")

    def verify(self, plans: list[RespondentPlan]) -> str:
        return super().verify(plans, status="in_progress")
