"""axe-core on every page of the dashboard, Distribute, the audit log and instruments as files,
blank, full and with errors; the copy button is an enhancement; error links reach their place."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.models import SurveyMembership
from tests.support.browser import assert_accessible
from tests.support.journey import press_button
from tests.support.researchers import PASSWORD, researcher
from tests.support.workspace_browser import sign_in
from tests.support.xlsform import row, xlsform
from tests.workspace.dashboard_data import add_responses, choices_survey

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner_page(live_server, page):
    """The owner of a published survey with answers, signed in."""
    page.set_default_timeout(10_000)
    survey = choices_survey()
    alice = researcher("alice")
    SurveyMembership.objects.create(survey=survey, user=alice, role="owner")
    add_responses(survey, 7, {"role": "police", "tactics": ["orders"], "views": {"works": 1}})
    add_responses(
        survey,
        30,
        {"role": "teacher", "tactics": ["orders", "arrest"], "views": {"works": 2, "costly": 1}},
        submitted_on=survey.created_at.date(),
    )
    add_responses(survey, 26, {"barriers": "Caseloads that never end"})
    add_responses(survey, 4, {}, complete=False, furthest_page=1)
    audit_record(actor=alice, action=AuditEvent.Action.SURVEY_PUBLISHED, survey=survey)
    sign_in(page, live_server.url, alice.email, PASSWORD)
    return page, survey, live_server.url


def submit_with_errors(page, name: str) -> None:
    """Press a button whose form comes back with errors (status 400, the error summary)."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=name, exact=True).click()
    assert navigation.value.status == 400
    assert page.title().startswith("Error:")


def visit(page, base: str, url: str) -> None:
    response = page.goto(base + url)
    assert response.ok, f"{url}: {response.status}"
    assert_accessible(page)


def test_the_dashboard_and_its_pages_pass_axe(owner_page):
    page, survey, base = owner_page
    s = survey.slug

    visit(page, base, reverse("workspace:dashboard", args=[s]))
    assert page.get_by_role("img").count() >= 5
    visit(page, base, reverse("workspace:dashboard_answers", args=[s, "barriers"]))
    assert page.get_by_role("navigation", name="Pages of answers").is_visible()
    visit(page, base, reverse("workspace:dashboard_answers", args=[s, "barriers"]) + "?page=2")
    visit(page, base, reverse("workspace:dashboard_answers", args=[s, "role.other"]))
    visit(page, base, reverse("workspace:dashboard_threshold", args=[s]))
    page.get_by_label("Smallest number the dashboard shows").fill("2")
    submit_with_errors(page, "Save")
    assert_accessible(page)
    page.locator(".govuk-error-summary__list a").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_threshold"


def test_distribute_passes_axe_blank_with_new_codes_and_with_errors(owner_page):
    page, survey, base = owner_page
    url = reverse("workspace:distribute", args=[survey.slug])

    visit(page, base, url)
    page.get_by_label("How many codes").fill("3")
    page.get_by_label("Label for this batch (optional)").fill("North")
    press_button(page, "Create codes")
    assert page.get_by_role("table", name="The new codes").is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the codes as a CSV file").click()
    assert download.value.suggested_filename == f"{survey.slug}-invitation-codes.csv"
    page.go_back()
    page.goto(base + url)
    assert page.get_by_role("table", name="The new codes").count() == 0
    assert page.get_by_role("table", name="Batches of codes").is_visible()
    page.get_by_label("How many codes").fill("many")
    submit_with_errors(page, "Create codes")
    assert_accessible(page)


def test_a_second_csv_download_explains_itself_and_passes_axe(owner_page):
    page, survey, base = owner_page
    visit(page, base, reverse("workspace:distribute", args=[survey.slug]))
    page.get_by_label("How many codes").fill("2")
    press_button(page, "Create codes")
    form = page.locator(f'form[action$="{survey.slug}/distribute/codes.csv"]')
    sealed = form.locator('input[name="codes"]').get_attribute("value")
    token = form.locator('input[name="csrfmiddlewaretoken"]').get_attribute("value")
    with page.expect_download():
        page.get_by_role("button", name="Download the codes as a CSV file").click()

    # The same form sent again, as a second click or a saved page would.
    page.set_content(
        f'<form method="post" action="{base}/surveys/{survey.slug}/distribute/codes.csv">'
        f'<input name="codes" value="{sealed}"><input name="csrfmiddlewaretoken" '
        f'value="{token}"><button>Again</button></form>'
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Again").click()

    assert page.get_by_role("heading", name="The codes cannot be downloaded").is_visible()
    assert page.get_by_text("was already downloaded").is_visible()
    assert_accessible(page)


def test_the_copy_button_copies_the_link_and_is_absent_without_javascript(owner_page, new_context):
    page, survey, base = owner_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base + reverse("workspace:distribute", args=[survey.slug]))

    page.get_by_role("button", name="Copy the link").click()

    expect(page.get_by_role("status")).to_have_text("Link copied")
    assert (
        page.evaluate("() => navigator.clipboard.readText()")
        == page.locator("#survey-link").inner_text()
    )
    plain = new_context(java_script_enabled=False).new_page()
    sign_in(plain, base, "alice@example.org", PASSWORD)
    plain.goto(base + reverse("workspace:distribute", args=[survey.slug]))
    assert plain.get_by_role("button", name="Copy the link").count() == 0
    assert plain.locator("#survey-link").is_visible()


def test_the_audit_log_passes_axe_and_filters_without_javascript(owner_page):
    page, survey, base = owner_page

    visit(page, base, reverse("workspace:audit_log", args=[survey.slug]))
    page.get_by_label("Show").select_option(label="Published a version")
    page.get_by_role("button", name="Filter").click()

    assert "action=survey.published" in page.url
    assert_accessible(page)


def test_starting_from_a_template_or_a_file_passes_axe(owner_page, tmp_path):
    page, _survey, base = owner_page

    visit(page, base, reverse("workspace:survey_from_template"))
    visit(page, base, reverse("workspace:survey_upload"))
    submit_with_errors(page, "Upload and import")
    assert_accessible(page)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsform(survey=[row("text", "job", "Job"), row("multiple_guess", "r", "R")]))
    page.get_by_label("Upload a file").set_input_files(bad)
    submit_with_errors(page, "Upload and import")
    assert page.get_by_text("The file could not be imported").is_visible()
    assert_accessible(page)
    page.locator(".govuk-error-summary__list a").first.click()
    assert page.evaluate("() => document.activeElement.id") == "problem-1"
    visit(page, base, reverse("workspace:survey_from_template"))
    use = page.get_by_role("button", name=re.compile("Police perspectives on disrupting"))
    with page.expect_navigation():
        use.click()
    assert page.url.endswith("/questions/")
    assert page.get_by_text("Survey created from the template.").is_visible()
    assert_accessible(page)
