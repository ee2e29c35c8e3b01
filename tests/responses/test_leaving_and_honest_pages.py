"""Leaving quickly and saving for later end the browser's visit; the pages say what is kept, who
is responsible, where to find support, and carry the research organisation's name."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from responses.respondent import COOKIE_NAME
from surveys.branding import LogoRefused, logo_from_upload
from tests.responses.conftest import Html, Respondent, a_survey

pytestmark = pytest.mark.django_db


def tiny_png(width: int = 2, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def cookie_deleted(http_response) -> bool:
    morsel = http_response.cookies.get(COOKIE_NAME)
    return morsel is not None and morsel.value == "" and str(morsel["max-age"]) == "0"


# --- leaving quickly ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_leaving_deletes_the_response_cookie_and_goes_to_the_exit_site(respondent, method):
    respondent.start()
    respondent.answer(1, {"role": "teacher", "school_phase": "Primary"})

    http_response = getattr(respondent, method)("leave/")

    assert http_response.status_code == 302
    assert http_response["Location"] == settings.CANDOUR_EXIT_URL
    assert cookie_deleted(http_response)
    morsel = http_response.cookies[COOKIE_NAME]
    assert morsel["httponly"] is True and morsel["path"] == "/s/practice/"
    assert "no-store" in http_response["Cache-Control"]


def test_after_leaving_the_saved_answers_stay_but_the_survey_offers_no_continuation(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher", "school_phase": "Primary"})
    respondent.get("leave/")

    assert respondent.record().answers == {"role": "teacher", "school_phase": "Primary"}
    start = Html(respondent.get(""))
    assert "Continue where you left off" not in start.html
    assert "You have already started" not in start.html
    assert start.first("button").text.strip().startswith("Start now")


def test_a_question_page_reached_by_back_after_leaving_is_fetched_anew_and_shows_no_answers(
    respondent,
):
    respondent.start()
    respondent.answer(1, {"role": "teacher", "school_phase": "Primary"})
    respondent.get("leave/")

    again = respondent.get("p/1/")

    assert again.status_code == 302
    assert again["Location"] == "/s/practice/"
    assert "no-store" in again["Cache-Control"]


def test_the_answers_left_behind_come_back_only_with_a_resume_code(respondent):
    respondent.start()
    code = respondent.save_for_later(1, {"role": "police"})
    respondent.get("leave/")

    newcomer_view = Html(respondent.get(""))
    assert "Continue where you left off" not in newcomer_view.html
    resumed = respondent.post("resume/", {"code": code})
    assert resumed.status_code == 302
    assert (
        Html(respondent.get(resumed["Location"].removeprefix("/s/practice/"))).value_of("role")
        == "police"
    )


def test_every_respondent_page_has_the_quick_exit_going_through_the_leave_address(respondent):
    for path in ["", "privacy/", "resume/", "withdraw/"]:
        page = Html(respondent.get(path))
        button = page.first("a", **{"data-quick-exit": ""})
        assert button is not None, path
        assert button.attrs["href"] == "/s/practice/leave/"


def test_the_start_page_explains_the_quick_exit_and_private_windows(respondent):
    text = Html(respondent.get("")).text
    assert "pressing the Shift key three times" in text
    assert "private or incognito window" in text
    assert "clear your browsing history" in text


# --- save and continue later -------------------------------------------------------------------


def test_showing_the_resume_code_ends_the_visit_and_puts_the_code_in_no_address(respondent):
    respondent.start()
    saved = respondent.answer(1, {"role": "police"}, action="save")
    shown = respondent.get("saved/")
    code = Html(shown).code()

    assert cookie_deleted(shown)
    assert all(code not in r.get("Location", "") for r in respondent.history)
    assert code not in saved.get("Location", "")
    page = Html(shown)
    assert page.first("button", **{"data-copy-target": "resume-code"}) is not None
    assert page.first("button", **{"data-print": ""}) is not None
    assert not [a for a in page.all("a") if code in a.attrs.get("href", "")]
    assert "Continue where you left off" not in Html(respondent.get("")).html
    assert respondent.record().answers == {"role": "police"}


# --- what pages promise ------------------------------------------------------------------------


def test_the_privacy_notice_names_the_controller_basis_retention_and_withdraw_date(db):
    import datetime

    survey = a_survey(
        data_controller="Northfield University",
        lawful_basis="A task in the public interest (UK GDPR article 6(1)(e)).",
        retention_period="Until the study ends in March 2028, then deleted.",
        withdraw_by=datetime.date(2027, 6, 30),
    )
    text = Html(Respondent(survey).get("privacy/")).text

    assert "The data controller, legally responsible for your answers, is Northfield" in text
    assert "A task in the public interest (UK GDPR article 6(1)(e))." in text
    assert "Until the study ends in March 2028, then deleted." in text
    assert "You can withdraw your answers until 30 June 2027." in text
    assert "Information Commissioner’s Office (ICO)" in text
    assert "to see it, to correct it, to have it deleted" in text
    assert "how long you spent answering" in text
    assert "could let someone who knows you recognise you" in text
    assert "has not given every legal detail" not in text


def test_the_privacy_notice_says_when_the_team_has_not_given_a_detail(db):
    survey = a_survey(regulator="the Data Protection Commission, dataprotection.ie")
    text = Html(Respondent(survey).get("privacy/")).text

    assert "has not given every legal detail" in text
    assert "has not said how long they keep the answers" in text
    assert "the Data Protection Commission, dataprotection.ie" in text
    assert "Information Commissioner" not in text


def test_support_shows_on_the_start_page_every_footer_and_the_confirmation(db):
    survey = a_survey(
        support_information="NAPAC: 0808 801 0331\nSamaritans: 116 123",
        content_note="Some questions ask about child sexual abuse.",
    )
    person = Respondent(survey)
    start = Html(person.get(""))
    assert "Some questions ask about child sexual abuse." in start.text
    assert start.html.count("Samaritans: 116 123") == 2  # in the page and in its footer
    person.complete_as_teacher()
    complete = person.get("complete/")
    assert complete.content.decode().count("NAPAC: 0808 801 0331") == 2
    assert "What happens next" in Html(complete).text


def test_after_submitting_the_footer_offers_no_resume_link(respondent):
    assert "/s/practice/resume/" in respondent.get("").content.decode()
    respondent.complete_as_teacher()
    complete = respondent.get("complete/").content.decode()
    assert "/s/practice/resume/" not in complete


def test_respondent_pages_carry_the_organisation_and_candour_only_in_the_footer(respondent):
    page = Html(respondent.get(""))
    header = page.first("a", css="candour-header__name")
    assert "Northfield University" in header.text
    assert "Candour" not in header.text
    assert "Candour is open-source software" in page.html
    assert page.first("img", css="candour-header__logo") is None


def test_a_png_logo_shows_in_the_header_and_is_served_by_this_site(db):
    survey = a_survey(organisation_logo=tiny_png())
    page = Html(Respondent(survey).get(""))
    logo = page.first("img", css="candour-header__logo")
    assert logo.attrs["src"].startswith("/s/practice/logo.png?v=")
    assert logo.attrs["alt"] == ""

    served = Respondent(survey).client.get(logo.attrs["src"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served.content == tiny_png()
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_page_names_the_logo_by_its_fingerprint_and_a_new_logo_gets_a_new_address(db):
    from surveys.branding import logo_version

    survey = a_survey(organisation_logo=tiny_png())
    respondent = Respondent(survey)
    respondent.start()
    first = Html(respondent.get("p/1/")).first("img", css="candour-header__logo").attrs["src"]

    survey.organisation_logo = tiny_png(width=3)
    survey.save(update_fields=["organisation_logo"])
    second = Html(respondent.get("p/1/")).first("img", css="candour-header__logo").attrs["src"]

    survey.organisation_logo = b""
    survey.save()
    survey.refresh_from_db()

    assert first == f"/s/practice/logo.png?v={logo_version(tiny_png())}"
    assert second == f"/s/practice/logo.png?v={logo_version(tiny_png(width=3))}"
    assert survey.organisation_logo_version == ""
    assert Html(respondent.get("p/1/")).first("img", css="candour-header__logo") is None


def test_only_a_small_png_is_accepted_as_a_logo():
    assert logo_from_upload(SimpleUploadedFile("logo.png", tiny_png())) == tiny_png()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(LogoRefused, match="PNG"):
        logo_from_upload(SimpleUploadedFile("logo.svg", svg))
    with pytest.raises(LogoRefused, match="KB"):
        logo_from_upload(SimpleUploadedFile("big.png", tiny_png() + b"\0" * 200_000))
    with pytest.raises(LogoRefused, match="pixels"):
        logo_from_upload(SimpleUploadedFile("wide.png", tiny_png(width=5000)))


def test_the_home_page_is_neutral_with_a_sign_in_link(client):
    page = Html(client.get("/"))
    assert "Sign in" in [" ".join(a.text.split()) for a in page.all("a")]
    text = page.text.lower()
    for word in ("abuse", "exploitation", "safeguarding", "children"):
        assert word not in text
