"""The dashboard page never gives a small count away: not in its text, its tables, its charts'
words, their bar lengths or a percentage — and shows counts of 10 and more."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import SurveyMembership
from tests.support.researchers import researcher
from tests.support.surveys import published_survey
from tests.workspace.dashboard_data import CHOICES_SURVEY, add_responses

pytestmark = pytest.mark.django_db

SVG = re.compile(r'<svg class="candour-chart".*?</svg>', re.S)
NS = "{http://www.w3.org/2000/svg}"
BAR_AREA = 280
FEWER_LENGTH = 36


class _Text(HTMLParser):
    """The text a person (or a screen reader) gets from the page's main content."""

    def __init__(self):
        super().__init__()
        self.parts, self.inside = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"(?<![\d.,])\d+(?:[.,]\d+)*%?", text))


def charts(html: str) -> dict[str, ET.Element]:
    found = {}
    for source in SVG.findall(html):
        svg = ET.fromstring(source)  # noqa: S314 (our own page, in a test)
        found[svg.find(f"{NS}title").text] = svg
    return found


def bars(svg: ET.Element) -> list[float]:
    return [float(r.get("width")) for r in svg.iter(f"{NS}rect") if r.get("class")]


def dashboard_html(survey) -> str:
    owner = researcher("alice")
    SurveyMembership.objects.create(survey=survey, user=owner, role="owner")
    client = Client()
    client.force_login(owner)
    response = client.get(reverse("workspace:dashboard", args=[survey.slug]))
    assert response.status_code == 200
    return response.content.decode()


# The choice questions of dashboard_data's survey without the 0–10 scale, whose options are
# the numbers themselves: no label on the page is a number.
PAGES = [
    {**page, "questions": [q for q in page["questions"] if q["type"] != "scale_0_10"]}
    for page in CHOICES_SURVEY
]


@pytest.fixture
def survey():
    return published_survey(pages=PAGES, slug="choices")


def test_seven_in_a_category_is_never_shown_in_any_form(survey):
    add_responses(survey, 7, {"role": "police", "trained": "yes"})
    add_responses(survey, 33, {"role": "social_worker", "trained": "no"})

    html = dashboard_html(survey)

    text = visible_text(html)
    assert "7" not in numbers_in(text), re.findall(r".{60}(?<![\d.,])7(?![\d.,]).{20}", text, re.S)
    derived = {f"{round(700 / n)}%" for n in (33, 40)} | {f"{700 / n:.1f}%" for n in (33, 40)}
    assert not derived & numbers_in(text), derived & numbers_in(text)
    assert "fewer than 10" in text
    for title in ("Your role", "Trained?"):
        svg = charts(html)[title]
        desc = svg.find(f"{NS}desc").text
        assert "7" not in numbers_in(desc) and "fewer than 10" in desc
        # The small count's bar has the fixed length; its complement, hidden, has none.
        assert bars(svg) == [FEWER_LENGTH], (title, bars(svg))


def test_twelve_in_a_category_is_shown_with_its_percentage_and_bar(survey):
    add_responses(survey, 12, {"role": "police"})
    add_responses(survey, 30, {"role": "social_worker"})

    html = dashboard_html(survey)

    text = visible_text(html)
    assert {"12", "29%", "30", "71%"} <= numbers_in(text)
    svg = charts(html)["Your role"]
    assert "Police officer: 12 (29%)" in svg.find(f"{NS}desc").text
    assert bars(svg) == [round(BAR_AREA * 12 / 30, 1), BAR_AREA]


def test_small_counts_of_a_multiple_choice_question_are_suppressed_one_by_one(survey):
    add_responses(survey, 7, {"tactics": ["orders", "arrest"]})
    add_responses(survey, 5, {"tactics": ["arrest"]})

    html = dashboard_html(survey)

    svg = charts(html)["Tactics used"]
    assert bars(svg) == [FEWER_LENGTH, BAR_AREA]
    desc = svg.find(f"{NS}desc").text
    assert "Civil orders: fewer than 10" in desc and "Arrest: 12 (100%)" in desc


def test_days_and_pages_with_few_responses_are_suppressed_and_cannot_be_subtracted(survey):
    add_responses(survey, 7, {}, complete=False, furthest_page=1)
    add_responses(survey, 30, {}, complete=False, furthest_page=0)
    add_responses(survey, 20, {"role": "police"})

    html = dashboard_html(survey)

    text = visible_text(html)
    assert "7" not in numbers_in(text)
    svg = charts(html)["Where unfinished responses stopped"]
    assert bars(svg) == [FEWER_LENGTH]


def test_the_completion_rate_and_median_need_ten_completions(survey):
    add_responses(survey, 9, {}, duration=420)
    add_responses(survey, 30, {}, complete=False)

    text = visible_text(dashboard_html(survey))

    assert "Completion rate Not shown: too few responses" in " ".join(text.split())
    assert "Median time to complete Not shown: too few responses" in " ".join(text.split())
    assert "7 minutes" not in text and "23%" not in text


def test_a_lower_threshold_set_by_the_owner_shows_seven(survey):
    survey.small_count_threshold = 5
    survey.save()
    add_responses(survey, 7, {"role": "police"})
    add_responses(survey, 33, {"role": "social_worker"})

    text = visible_text(dashboard_html(survey))

    assert "7" in numbers_in(text) and "fewer than 5" in text


def test_test_responses_are_left_out_of_every_figure(survey):
    add_responses(survey, 12, {"role": "police"})
    add_responses(survey, 25, {"role": "teacher", "barriers": "secret"}, is_test=True)

    html = dashboard_html(survey)

    text = visible_text(html)
    assert "25" not in numbers_in(text) and "37" not in numbers_in(text)
    assert "Teacher: 0 (0%)" in charts(html)["Your role"].find(f"{NS}desc").text
