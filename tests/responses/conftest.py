"""A respondent with a browser-like client, surveys to answer, and ways to read what came back.

Every request goes to the real views over a real database; pages are read from their HTML the way
a browser (or a screen reader) would find things: by names, ids and classes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from responses import ratelimit
from responses.models import Response
from tests.support.surveys import published_survey

HOST = "localhost"
CODE_FORMAT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")

ROLE_CHOICES = ["social_worker", "police", "teacher", ("other", "Other", {"other": True})]

# The survey most tests answer: a same-page follow-up (page 1), a page that applies only to
# social workers (page 2) and a page everyone answers (page 3).
PRACTICE_PAGES = [
    {
        "title": "Your role",
        "questions": [
            {"code": "role", "type": "single_choice", "required": True, "choices": ROLE_CHOICES},
            {
                "code": "school_phase",
                "type": "short_text",
                "relevant": "${role} = 'teacher'",
                "config": {"max_length": 40},
            },
        ],
    },
    {
        "title": "Working with the police",
        "relevant": "${role} = 'social_worker'",
        "questions": [
            {"code": "joint_visits", "type": "yes_no", "required": True},
            {"code": "joint_notes", "type": "long_text", "relevant": "${joint_visits} = 'yes'"},
        ],
    },
    {
        "title": "Your experience",
        "questions": [
            {"code": "years", "type": "integer", "required": True, "config": {"min": 0, "max": 60}},
            {"code": "reflections", "type": "long_text", "config": {"max_length": 500}},
        ],
    },
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    ratelimit.forget_all()
    yield
    cache.clear()
    ratelimit.forget_all()


@pytest.fixture
def practice_survey(db):
    return published_survey(
        pages=PRACTICE_PAGES,
        slug="practice",
        title="Safeguarding practice in 2025",
        description="We want to understand how practitioners share concerns.",
        organisation="Northfield University",
        estimated_minutes=10,
    )


@pytest.fixture
def respondent(practice_survey):
    """Someone answering the practice survey in their own browser."""
    return Respondent(practice_survey)


def a_survey(slug: str = "practice", pages: list[dict] | None = None, **fields):
    return published_survey(pages=pages or PRACTICE_PAGES, slug=slug, **fields)


def code_hash(code: str) -> str:
    """The stored form of a code as the respondent would type it (no hyphens, upper case):
    HMAC-SHA256 keyed with the code pepper, computed here independently of responses.codes."""
    pepper = django_settings.CANDOUR_CODE_PEPPER.encode()
    return hmac.new(pepper, code.replace("-", "").upper().encode(), hashlib.sha256).hexdigest()


# --- reading pages ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    classes: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        values = {name: (value if value is not None else "") for name, value in attrs}
        element = Element(tag, values, classes=set(values.get("class", "").split()))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position].tag == tag:
                del self.open[position:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


class Html:
    """One page as a browser sees it."""

    def __init__(self, http_response):
        self.status = http_response.status_code
        self.html = http_response.content.decode()
        collector = _Collector()
        collector.feed(self.html)
        self.elements = collector.elements

    @property
    def title(self) -> str:
        return " ".join(self.first("title").text.split())

    @property
    def text(self) -> str:
        main = self.first("main")
        return " ".join((main.text if main else self.html).split())

    def first(self, tag: str, **attrs) -> Element | None:
        found = self.all(tag, **attrs)
        return found[0] if found else None

    def all(self, tag: str | None = None, *, css: str | None = None, **attrs) -> list[Element]:
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag)
            and (css is None or css in element.classes)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def ids(self) -> set[str]:
        return {element.attrs["id"] for element in self.elements if "id" in element.attrs}

    def by_css(self, css: str) -> list[Element]:
        return self.all(css=css)

    def value_of(self, name: str):
        """What the form would send for `name`: a text, the checked values, or None."""
        inputs = [e for e in self.elements if e.attrs.get("name") == name]
        if not inputs:
            return None
        first = inputs[0]
        if first.tag == "textarea":
            return first.text.removeprefix("\n")
        if first.tag == "select":
            options = self._options_of(first)
            chosen = [o.attrs.get("value", o.text) for o in options if "selected" in o.attrs]
            return chosen[0] if chosen else None
        if first.attrs.get("type") in {"radio", "checkbox"}:
            checked = [e.attrs.get("value", "on") for e in inputs if "checked" in e.attrs]
            if first.attrs.get("type") == "radio":
                return checked[0] if checked else None
            return checked
        return first.attrs.get("value", "")

    def _options_of(self, select: Element) -> list[Element]:
        start = self.elements.index(select)
        options = []
        for element in self.elements[start + 1 :]:
            if element.tag == "option":
                options.append(element)
            elif element.tag in {"select", "input", "textarea", "button"}:
                break
        return options

    def error_summary_links(self) -> list[tuple[str, str]]:
        """(href, message) of each link in the GOV.UK error summary."""
        if not self.by_css("govuk-error-summary"):
            return []
        start = self.elements.index(self.by_css("govuk-error-summary")[0])
        links = []
        for element in self.elements[start:]:
            if element.tag == "a" and "govuk-error-summary__list" not in element.classes:
                if not element.attrs.get("href", "").startswith(("#", "/s/")):
                    break
                links.append((element.attrs["href"], " ".join(element.text.split())))
            if element.tag in {"h1", "form"}:
                break
        return links

    def broken_error_links(self) -> list[str]:
        """Error-summary links to an element that is not on the page."""
        ids = self.ids()
        return [
            href
            for href, _message in self.error_summary_links()
            if href.startswith("#") and href[1:] not in ids
        ]

    def inline_errors(self) -> list[str]:
        return [" ".join(e.text.split()) for e in self.by_css("govuk-error-message")]

    def code(self) -> str:
        """The code shown to write down (receipt or resume code)."""
        return self.by_css("candour-code")[0].text.strip()

    def progress(self) -> str:
        return " ".join(self.by_css("govuk-caption-m")[0].text.split())


# --- answering --------------------------------------------------------------------------------


class Respondent:
    """One person answering one survey in one browser (one cookie jar)."""

    def __init__(self, survey, *, raise_errors: bool = True, **environ):
        self.survey = survey
        self.client = Client(raise_request_exception=raise_errors, HTTP_HOST=HOST, **environ)
        self.response_id = None
        self._token = None
        self.history = []  # every HTTP response this respondent received, for cookie checks

    def url(self, path: str = "") -> str:
        return f"/s/{self.survey.slug}/{path}"

    def get(self, path: str = "", **extra):
        http_response = self.client.get(self.url(path), **extra)
        self.history.append(http_response)
        return http_response

    def post(self, path: str, data=None, **extra):
        http_response = self.client.post(self.url(path), data or {}, **extra)
        self.history.append(http_response)
        return http_response

    def post_raw(self, path: str, body: bytes):
        http_response = self.client.generic(
            "POST", self.url(path), body, content_type="application/x-www-form-urlencoded"
        )
        self.history.append(http_response)
        return http_response

    def start(self, **data):
        """Press "Start now"; remembers which response was begun."""
        before = set(Response.objects.values_list("id", flat=True))
        http_response = self.post("start/", data)
        begun = Response.objects.exclude(id__in=before)
        if begun.count() == 1:
            self.response_id = begun.get().id
            first_page = self.client.get(http_response["Location"])
            self.history.append(first_page)
            self._token = Html(first_page).first("input", name="token").attrs["value"]
        return http_response

    @property
    def token(self) -> str:
        """The hidden form token, as found in the page's HTML."""
        if self._token is None:
            page = self.get("p/1/", follow=True)
            self._token = Html(page).first("input", name="token").attrs["value"]
        return self._token

    @token.setter
    def token(self, value: str) -> None:
        self._token = value

    def answer(
        self,
        number: int,
        answers: dict | None = None,
        action: str = "continue",
        *,
        headers: dict | None = None,
        **more,
    ):
        """Send page `number` with `answers`, pressing the button `action`; `more` are other
        posted fields (like change=1), `headers` request headers as WSGI environ keys."""
        data = {"token": self.token, "action": action, **(answers or {}), **more}
        return self.post(f"p/{number}/", data, **(headers or {}))

    def page(self, number: int, **extra) -> Html:
        return Html(self.get(f"p/{number}/", **extra))

    def submit(self):
        return self.post("submit/", {"token": self.token})

    def receipt(self) -> str:
        return Html(self.get("complete/")).code()

    def save_for_later(self, number: int, answers: dict | None = None) -> str:
        """Press "Save and continue later" on a page and read the resume code shown."""
        saved = self.answer(number, answers, action="save")
        assert saved.status_code == 302, saved.content.decode()[:2000]
        return Html(self.get("saved/")).code()

    def record(self) -> Response:
        return Response.objects.get(pk=self.response_id)

    def share_cookies_with(self, other: Respondent) -> None:
        """A second tab: the same browser, so the same cookie."""
        other.client.cookies = SimpleCookie()
        for name, morsel in self.client.cookies.items():
            other.client.cookies[name] = morsel.value
        other.response_id = self.response_id
        other.token = self.token

    def complete_as_teacher(self, *, years: str = "12") -> str:
        """The shortest way through the practice survey; returns the receipt code."""
        self.start()
        assert self.answer(1, {"role": "teacher", "school_phase": "Primary"}).status_code == 302
        assert self.answer(3, {"years": years, "reflections": "Helps."}).status_code == 302
        assert self.submit().status_code == 302
        return self.receipt()


def database_text() -> str:
    """Every value in every table of the database, as text: what a copy of it would reveal."""
    pieces = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    pieces.append(str(value))
    return "\n".join(pieces)


def at_the_same_time(*actions):
    """Run each action in its own thread, released together; returns their results in order.

    Each thread has its own database connection, as separate web workers would.
    """
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)
    errors: list[BaseException] = []

    def run(position, action):
        try:
            barrier.wait(timeout=30)
            results[position] = action()
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results
