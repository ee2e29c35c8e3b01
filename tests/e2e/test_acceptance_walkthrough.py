"""Issue 7's acceptance, tried as a new user would in the browser: sign in with the demo account
`make run` prints, import an XLSForm, adjust it in the builder, publish, answer it from another
browser, and see the answer on the dashboard; a colleague given the analyst role sees the
dashboard but cannot edit the survey."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from responses.models import Response
from surveys.models import Survey
from tests.support.browser import assert_accessible
from tests.support.journey import continue_from_page, press_button
from tests.support.researchers import PASSWORD, researcher
from tests.support.workspace_browser import follow_link, sign_in
from tests.support.xlsform import row, xlsform
from tests.workspace.dashboard_data import add_responses

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "caseload_views"
WORKBOOK = xlsform(
    survey=[
        row("begin group", "work", "Your work"),
        row("select_one roles", "role", "What is your role?", required="yes"),
        row("geopoint", "where", "Where do you work?"),
        row("text", "barriers", "What gets in the way?"),
        row("end group"),
    ],
    choices=[
        ["list_name", "name", "label"],
        ["roles", "police", "Police officer"],
        ["roles", "social_worker", "Social worker"],
    ],
    settings=[["form_title", "form_id"], ["Caseload views", SLUG]],
)


def demo_account(settings) -> tuple[str, str]:
    """What `make run` prints: the demo researcher's e-mail and fresh password."""
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo_researcher", stdout=out)
    settings.DEBUG = False
    printed = out.getvalue()
    email = re.search(r"Demo researcher: (\S+)", printed).group(1)
    password = re.search(r"Password \(new each time\): (\S+)", printed).group(1)
    return email, password


def import_the_workbook(page: Page, tmp_path) -> None:
    follow_link(page, "Create a survey")
    follow_link(page, "From a file: upload an XLSForm (KoboToolbox, ODK) or a JSON instrument")
    assert_accessible(page)
    workbook = tmp_path / "caseload-views.xlsx"
    workbook.write_bytes(WORKBOOK)
    page.get_by_label("Upload a file").set_input_files(workbook)
    press_button(page, "Upload and import")
    assert page.get_by_role("heading", name="Import report").is_visible()
    assert page.get_by_role("cell", name="survey sheet, row 4").is_visible()
    assert page.get_by_text("type geopoint is not supported").is_visible()
    assert_accessible(page)
    follow_link(page, "Go to the questions")


def adjust_in_the_builder(page: Page) -> None:
    follow_link(page, "Edit role")
    page.get_by_label("Question", exact=True).fill("Which role do you hold?")
    press_button(page, "Save question")
    follow_link(page, "Questions")
    assert page.get_by_text("Which role do you hold?").is_visible()


def publish_and_open(page: Page) -> str:
    follow_link(page, "Publish")
    press_button(page, "Publish")
    press_button(page, "Open the survey")
    follow_link(page, "Distribute")
    assert_accessible(page)
    return page.locator("#survey-link").inner_text()


def answer_it(respondent: Page, link: str) -> None:
    respondent.goto(link)
    press_button(respondent, "Start now")
    respondent.get_by_label("Police officer").check()
    respondent.get_by_label("What gets in the way?").fill("Too few officers")
    continue_from_page(respondent)
    press_button(respondent, "Submit your answers")
    assert "/complete/" in respondent.url


def see_the_answer_on_the_dashboard(page: Page, survey: Survey) -> None:
    follow_link(page, "Dashboard")
    chart = page.get_by_role("img", name="Which role do you hold?")
    assert "Police officer: fewer than 10" in chart.locator("desc").text_content()
    # Eleven colleagues answer the same way: now the count can be shown, the answer with them.
    add_responses(survey, 11, {"role": "police"})
    page.reload()
    chart = page.get_by_role("img", name="Which role do you hold?")
    assert "Police officer: 12 (100%)" in chart.locator("desc").text_content()
    table = page.get_by_role("table", name="Which role do you hold?")
    assert table.get_by_role("row", name="Police officer 12 100%").is_visible()
    assert_accessible(page)


def add_an_analyst(page: Page, email: str) -> None:
    follow_link(page, "Team")
    page.get_by_label("Email address").fill(email)
    page.get_by_label(re.compile(r"Analyst – ")).check()
    press_button(page, "Add to the team")
    assert page.get_by_text(f"{email} is now on the team.").is_visible()


def the_analyst_sees_the_dashboard_but_cannot_edit(colleague: Page, base_url: str, email: str):
    sign_in(colleague, base_url, email, PASSWORD)
    follow_link(colleague, "Caseload views")
    follow_link(colleague, "Dashboard")
    assert colleague.get_by_role("img", name="Which role do you hold?").is_visible()
    assert_accessible(colleague)
    navigation = colleague.get_by_role("navigation", name="Survey")
    assert navigation.get_by_role("link", name="Questions").count() == 0
    for path in ("questions/", "settings/", "publish/", "distribute/", "pages/new/"):
        response = colleague.goto(f"{base_url}/surveys/{SLUG}/{path}")
        assert response.status == 404, path


def test_the_acceptance_walkthrough(live_server, page, open_page, settings, tmp_path):
    page.set_default_timeout(10_000)
    email, password = demo_account(settings)
    carol = researcher("carol")

    sign_in(page, live_server.url, email, password)
    import_the_workbook(page, tmp_path)
    adjust_in_the_builder(page)
    link = publish_and_open(page)
    answer_it(open_page(), link)
    survey = Survey.objects.get(slug=SLUG)
    (response,) = Response.objects.filter(survey=survey)
    assert response.answers["role"] == "police"
    see_the_answer_on_the_dashboard(page, survey)
    add_an_analyst(page, carol.email)
    the_analyst_sees_the_dashboard_but_cannot_edit(open_page(), live_server.url, carol.email)
