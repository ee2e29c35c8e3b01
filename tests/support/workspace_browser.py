"""Drive the researcher workspace in a real browser, with the keyboard and plain forms."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.journey import press_button
from tests.support.totp import totp_code


def sign_in(page: Page, base_url: str, email: str, password: str, totp_secret: str = "") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    press_button(page, "Sign in")
    if totp_secret:
        assert page.url.endswith("/accounts/2fa/authenticate/"), page.url
        page.get_by_label("Code").fill(totp_code(totp_secret))
        press_button(page, "Sign In")
    assert page.url.endswith("/surveys/"), f"not signed in: {page.url}"


def follow_link(page: Page, name: str) -> None:
    """Follow a link, or a link styled as a button (GOV.UK's start and add buttons)."""
    target = page.get_by_role("link", name=name, exact=True).or_(
        page.get_by_role("button", name=name, exact=True)
    )
    with page.expect_navigation():
        target.first.click()


def add_page(page: Page, title: str, show_if: str = "") -> None:
    follow_link(page, "Add a page")
    page.get_by_label("Page title").fill(title)
    if show_if:
        page.get_by_label("Show this page only if").fill(show_if)
    press_button(page, "Save page")
    assert not page.title().startswith("Error:"), page.locator(".govuk-error-summary").inner_text()


def add_question(
    page: Page,
    *,
    page_title: str,
    type_name: str,
    code: str,
    label: str,
    required: bool = False,
    options: list[tuple[str, str]] = (),
    settings: dict[str, str] | None = None,
) -> None:
    """From the Questions page: add a question of `type_name` to the page, with its options."""
    follow_link(page, f"Add a question to page {page_title}")
    page.get_by_label(type_name, exact=True).check()
    press_button(page, "Continue")
    page.get_by_label("Variable name").fill(code)
    page.get_by_label("Question", exact=True).fill(label)
    if required:
        page.get_by_label("Respondents must answer this question").check()
    for setting_label, value in (settings or {}).items():
        page.get_by_label(setting_label).fill(value)
    press_button(page, "Save question")
    assert not page.title().startswith("Error:"), page.locator(".govuk-error-summary").inner_text()
    for value, option_label in options:
        follow_link(page, "Add an option")
        page.get_by_label("Option", exact=True).fill(option_label)
        page.get_by_label("Value stored").fill(value)
        press_button(page, "Save option")
    follow_link(page, "Questions")
