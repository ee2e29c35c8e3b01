"""axe-core on every account and builder page, blank and with errors; reordering by keyboard."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from surveys.builder.surveys import survey_publish_draft
from tests.support.browser import assert_accessible
from tests.support.journey import press_button
from tests.support.researchers import PASSWORD, team_with_survey
from tests.support.workspace_browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _urls(team) -> dict[str, str]:
    survey = team.survey
    s = survey.slug
    page = survey.pages.order_by("position").first()
    question = page.questions.get(code="role")
    return {
        "survey list": reverse("workspace:survey_list"),
        "create": reverse("workspace:survey_create"),
        "summary": reverse("workspace:survey_overview", args=[s]),
        "questions": reverse("workspace:survey_build", args=[s]),
        "settings": reverse("workspace:survey_settings", args=[s]),
        "delete survey": reverse("workspace:survey_delete", args=[s]),
        "new page": reverse("workspace:page_create", args=[s]),
        "edit page": reverse("workspace:page_edit", args=[s, page.pk]),
        "delete page": reverse("workspace:page_delete", args=[s, page.pk]),
        "question type": reverse("workspace:question_create", args=[s, page.pk]),
        "new matrix": reverse("workspace:question_create", args=[s, page.pk]) + "?type=matrix",
        "edit question": reverse("workspace:question_edit", args=[s, question.pk]),
        "new option": reverse("workspace:choice_create", args=[s, question.pk]),
        "edit option": reverse("workspace:choice_edit", args=[s, question.choices.first().pk]),
        "preview": reverse("workspace:preview", args=[s]),
        "preview page": reverse("workspace:preview_page", args=[s, 1]),
        "publish": reverse("workspace:publish", args=[s]),
        "team": reverse("workspace:team", args=[s]),
        "team member": reverse(
            "workspace:team_member", args=[s, survey.memberships.get(user=team.viewer).pk]
        ),
        "two-factor": reverse("mfa_index"),
        "change password": reverse("account_change_password"),
        "reauthenticate": reverse("account_reauthenticate"),
        "e-mail addresses": reverse("account_email"),
        "sign out": reverse("account_logout"),
    }


def test_every_builder_page_passes_axe(live_server, page):
    page.set_default_timeout(10_000)
    team = team_with_survey()
    sign_in(page, live_server.url, team.owner.email, PASSWORD)
    for where, url in _urls(team).items():
        response = page.goto(live_server.url + url)
        assert response.ok, f"{where}: {response.status}"
        assert_accessible(page)


def test_forms_with_errors_pass_axe_and_their_summary_links_reach_the_field(live_server, page):
    page.set_default_timeout(10_000)
    team = team_with_survey()
    sign_in(page, live_server.url, team.owner.email, PASSWORD)
    forms = {
        reverse("workspace:survey_create"): "Create the survey",
        reverse("workspace:team", args=[team.survey.slug]): "Add to the team",
        reverse("workspace:page_create", args=[team.survey.slug]): "Save page",
    }
    for url, button in forms.items():
        page.goto(live_server.url + url)
        press_button(page, button)
        assert page.title().startswith("Error:")
        assert_accessible(page)
        first_link = page.locator(".govuk-error-summary__list a").first
        target = first_link.get_attribute("href")
        first_link.click()
        assert page.evaluate("() => '#' + document.activeElement.id") == target


def test_account_pages_pass_axe(live_server, page):
    page.set_default_timeout(10_000)
    for url in [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/invitation/not-a-real-one/",
    ]:
        page.goto(live_server.url + url)
        assert_accessible(page)
    page.goto(live_server.url + "/accounts/login/")
    press_button(page, "Sign in")
    assert_accessible(page)  # the error state


def test_two_factor_pages_pass_axe(live_server, page):
    page.set_default_timeout(10_000)
    team = team_with_survey()
    sign_in(page, live_server.url, team.owner.email, PASSWORD)
    page.goto(live_server.url + reverse("mfa_activate_totp"))
    page.get_by_label("Password").fill(PASSWORD)
    press_button(page, "Confirm")
    assert "/2fa/totp/activate/" in page.url
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    from tests.support.totp import totp_code

    page.get_by_label("Authenticator code").fill(totp_code(secret))
    press_button(page, "Activate")
    assert "/2fa/recovery-codes/" in page.url, page.url
    assert_accessible(page)
    page.goto(live_server.url + reverse("mfa_index"))
    assert_accessible(page)


def test_sign_in_with_a_code_passes_axe(live_server, page):
    page.set_default_timeout(10_000)
    team = team_with_survey()
    TOTP.activate(team.owner, generate_totp_secret())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(team.owner.email)
    page.get_by_label("Password").fill(PASSWORD)
    press_button(page, "Sign in")
    assert page.url.endswith("/accounts/2fa/authenticate/")
    assert_accessible(page)


def test_publish_with_breaking_changes_passes_axe(live_server, page):
    from datetime import date

    from responses.models import Response

    page.set_default_timeout(10_000)
    team = team_with_survey()
    survey_publish_draft(survey=team.survey, by=team.owner)
    team.survey.refresh_from_db()
    Response.objects.create(
        survey=team.survey, version=team.survey.current_version, started_on=date.today()
    )
    team.survey.pages.first().questions.get(code="years").delete()
    sign_in(page, live_server.url, team.owner.email, PASSWORD)

    page.goto(live_server.url + reverse("workspace:publish", args=[team.survey.slug]))
    assert page.get_by_text("${years} is removed").is_visible()
    assert_accessible(page)
    press_button(page, "Publish")
    assert page.title().startswith("Error:")
    page.get_by_label("I understand: publish anyway").check()
    press_button(page, "Publish")
    assert page.get_by_text("Published version 2.").is_visible()


def test_questions_are_reordered_with_the_keyboard_alone(live_server, page):
    page.set_default_timeout(10_000)
    team = team_with_survey()
    sign_in(page, live_server.url, team.owner.email, PASSWORD)
    page.goto(live_server.url + reverse("workspace:survey_build", args=[team.survey.slug]))
    button = page.get_by_role("button", name="Move down question role")

    for _ in range(40):  # Tab through the page until the button has focus
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Move down button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    first = team.survey.pages.order_by("position").first()
    assert list(first.questions.order_by("position").values_list("code", flat=True)) == [
        "years",
        "role",
    ]
    moved = f"question-{first.questions.get(code='role').pk}"
    assert page.url.endswith(f"#{moved}")
    page.wait_for_function(f"() => document.activeElement.id === '{moved}'")
    page.keyboard.press("Tab")  # on to the moved question's own links and buttons
    assert page.evaluate("() => document.activeElement.closest('li').id") == moved


def test_signing_up_through_an_invitation_passes_axe(live_server, page):
    from accounts.invitations import invitation_create
    from surveys.models import SurveyMembership

    page.set_default_timeout(10_000)
    team = team_with_survey()
    _invitation, token = invitation_create(
        survey=team.survey, email="newcomer@example.org", role="analyst", by=team.owner
    )

    page.goto(f"{live_server.url}/accounts/invitation/{token}/")
    assert page.get_by_label("Email").input_value() == "newcomer@example.org"
    assert_accessible(page)
    press_button(page, "Create account")
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase 7")
    page.get_by_label("Password (again)").fill("a long and unusual passphrase 7")
    press_button(page, "Create account")

    assert page.url.endswith("/surveys/"), page.url
    assert page.get_by_role("link", name=team.survey.title).is_visible()
    assert SurveyMembership.objects.get(user__email="newcomer@example.org").role == "analyst"
