"""Distribute: the QR code of the public link, and invitation codes shown once, offered once as
a CSV, stored only as keyed hashes, with counts per batch that never reveal a small group."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import segno
import time_machine
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from responses import codes
from responses.models import Invitation
from responses.services import invitations_create
from surveys.distribution import (
    QR_BORDER,
    QR_PNG_SCALE,
    QR_SVG_SCALE,
    invitation_codes_seal,
    used_in_words,
)
from surveys.models import Survey, SurveyMembership
from surveys.services import survey_publish
from tests.support.qr import png_header, png_modules, svg_modules
from tests.support.surveys import draft_survey

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
NS = "{http://www.w3.org/2000/svg}"
LINK = "http://testserver/s/team-survey/"


@pytest.fixture
def editor(team, signed_in):
    return signed_in("editor")


def distribute_url(survey) -> str:
    return reverse("workspace:distribute", args=[survey.slug])


def form_token(client, survey) -> str:
    page = client.get(distribute_url(survey)).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def create_codes(client, survey, count=25, batch="North team, March"):
    token = form_token(client, survey)
    return client.post(
        distribute_url(survey), {"count": str(count), "batch": batch, "form_token": token}
    )


def sealed_codes(html: str) -> str:
    return re.search(r'name="codes" value="([^"]+)"', html).group(1)


def download(client, survey, sealed: str):
    url = reverse("workspace:invitation_codes_download", args=[survey.slug])
    return client.post(url, {"codes": sealed})


# --- QR codes ---------------------------------------------------------------------------------


def test_the_svg_qr_code_is_the_public_link_at_its_stated_size(team, editor):
    response = editor.get(reverse("workspace:qr_svg", args=[team.survey.slug]))

    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)
    reference = segno.make(LINK, error="m", micro=False)
    size = len(reference.matrix)
    assert svg.tag == f"{NS}svg"
    assert svg.get("width") == svg.get("height") == str((size + 2 * QR_BORDER) * QR_SVG_SCALE)
    assert svg.find(f"{NS}desc").text == LINK
    assert "Practice survey" in svg.find(f"{NS}title").text
    path = svg.find(f"{NS}path")
    assert path.get("transform") == f"scale({QR_SVG_SCALE})"
    decoded = svg_modules(path.get("d"), border=QR_BORDER, size=size)
    assert decoded == [[bool(m) for m in row] for row in reference.matrix]


def test_the_png_qr_code_is_the_public_link_at_ten_pixels_a_module(team, editor):
    response = editor.get(reverse("workspace:qr_png", args=[team.survey.slug]))

    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    reference = segno.make(LINK, error="m", micro=False)
    size = len(reference.matrix)
    header = png_header(response.content)
    assert header["width"] == header["height"] == (size + 2 * QR_BORDER) * QR_PNG_SCALE
    decoded = png_modules(response.content, border=QR_BORDER, scale=QR_PNG_SCALE, size=size)
    assert decoded == [[bool(m) for m in row] for row in reference.matrix]


def test_the_page_shows_the_link_and_its_qr_code_with_alternative_text(team, editor):
    page = editor.get(distribute_url(team.survey)).content.decode()

    assert f'<code class="candour-code" id="survey-link">{LINK}</code>' in page
    assert f'alt="QR code of the link {LINK}"' in page
    assert "The survey is not published yet" in page


# --- Invitation codes -------------------------------------------------------------------------


def test_new_codes_are_shown_once_and_only_their_keyed_hashes_are_stored(team, editor):
    response = create_codes(editor, team.survey)

    html = response.content.decode()
    shown = CODE.findall(html)
    assert response.status_code == 200 and len(shown) == len(set(shown)) == 25
    assert "no-store" in response["Cache-Control"]
    stored = set(Invitation.objects.filter(survey=team.survey).values_list("code_hash", flat=True))
    assert stored == {codes.code_hash(codes.normalise_code(code)) for code in shown}
    assert set(Invitation.objects.values_list("batch", flat=True)) == {"North team, March"}
    everything = _every_row_as_text()
    for code in shown:
        assert code not in everything and codes.normalise_code(code) not in everything
    again = editor.get(distribute_url(team.survey)).content.decode()
    assert not CODE.search(again)


def _every_row_as_text() -> str:
    """Every row of every table (sessions and the audit log included), as JSON."""
    return "".join(
        serializers.serialize("json", model.objects.all())
        for model in apps.get_models()
        if model._meta.managed
    )


def test_the_csv_of_new_codes_is_offered_once(team, editor):
    html = create_codes(editor, team.survey, count=12).content.decode()
    shown = CODE.findall(html)

    first = download(editor, team.survey, sealed_codes(html))
    second = download(editor, team.survey, sealed_codes(html))

    assert first.status_code == 200
    assert first["Content-Type"] == "text/csv; charset=utf-8"
    assert "team-survey-invitation-codes.csv" in first["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(first.content.decode("utf-8-sig"))))
    assert [row["code"] for row in rows] == shown
    assert {row["batch"] for row in rows} == {"North team, March"}
    assert {row["link"] for row in rows} == {LINK}
    assert second.status_code == 410
    assert not CODE.search(second.content.decode())
    assert "already downloaded" in second.content.decode()


def test_the_csv_cannot_be_had_from_another_session(team, editor, signed_in):
    html = create_codes(editor, team.survey, count=3).content.decode()

    owner = signed_in("owner")

    assert download(owner, team.survey, sealed_codes(html)).status_code == 410


def test_a_batch_label_that_looks_like_a_formula_is_neutralised_in_the_csv(team, editor):
    html = create_codes(editor, team.survey, count=2, batch="=HYPERLINK(1)").content.decode()

    csv_text = download(editor, team.survey, sealed_codes(html)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))

    assert {row[1] for row in rows[1:]} == {"'=HYPERLINK(1)"}


def test_sealed_codes_of_another_survey_or_tampered_with_are_refused(team, editor):
    other = draft_survey(pages=[], slug="other-survey")
    SurveyMembership.objects.create(survey=other, user=team.editor, role="editor")
    html = create_codes(editor, team.survey, count=2).content.decode()
    sealed = sealed_codes(html)

    assert download(editor, other, sealed).status_code == 400
    assert download(editor, team.survey, sealed[:-3] + "abc").status_code == 400
    assert download(editor, team.survey, "").status_code == 400


def test_sealed_codes_expire_after_an_hour(team, editor):
    with time_machine.travel(timezone.now() - timedelta(minutes=61)):
        sealed = invitation_codes_seal(survey=team.survey, batch="", codes=["AAAA-BBBB-CCCC"])

    response = download(editor, team.survey, sealed.blob)

    assert response.status_code == 400
    assert "offered for an hour" in response.content.decode()


def test_a_form_sent_twice_creates_one_batch(team, editor):
    token = form_token(editor, team.survey)
    data = {"count": "5", "batch": "", "form_token": token}

    first = editor.post(distribute_url(team.survey), data)
    second = editor.post(distribute_url(team.survey), data)

    assert first.status_code == 200 and second.status_code == 409
    assert "These codes were already created" in second.content.decode()
    assert not CODE.search(second.content.decode())
    assert Invitation.objects.count() == 5


@pytest.mark.parametrize("count", ["0", "5001", "ten", "", "-2"])
def test_a_wrong_number_of_codes_is_explained_and_nothing_is_created(team, editor, count):
    response = editor.post(
        distribute_url(team.survey),
        {"count": count, "batch": "", "form_token": form_token(editor, team.survey)},
    )

    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_creating_codes_is_audited_without_the_codes(team, editor):
    html = create_codes(editor, team.survey, count=4, batch="South").content.decode()

    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATIONS_CREATED)

    assert event.actor == team.editor and event.survey == team.survey
    assert event.detail == {"count": 4, "batch": "South"}
    assert not any(code in str(event.detail) for code in CODE.findall(html))


def test_codes_from_the_page_let_a_respondent_start_an_invitation_only_survey(team, editor):
    survey = team.survey
    Survey.objects.filter(pk=survey.pk).update(invitation_only=True, status=Survey.Status.OPEN)
    survey_publish(survey=survey)
    survey.refresh_from_db()
    (code,) = CODE.findall(create_codes(editor, survey, count=1).content.decode())
    respondent = Client()

    refused = respondent.post(f"/s/{survey.slug}/start/", {"code": "AAAA-BBBB-CCCC"})
    assert refused.status_code == 200 and survey.responses.count() == 0
    started = respondent.post(f"/s/{survey.slug}/start/", {"code": code.lower()})

    assert started.status_code == 302 and survey.responses.count() == 1
    assert Invitation.objects.get().used


# --- Counts per batch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("created", "used", "words"),
    [
        (30, 0, "0"),
        (30, 7, "fewer than 10"),
        (30, 12, "12"),
        (30, 25, "all but fewer than 10"),
        (30, 30, "30"),
        (5, 0, "0"),
        (5, 3, "fewer than 10"),
        (5, 5, "fewer than 10"),
        (12, 11, "all but fewer than 10"),
    ],
)
def test_used_codes_per_batch_never_reveal_a_small_group(created, used, words):
    assert used_in_words(created=created, used=used, threshold=10) == words


def test_the_page_lists_batches_with_their_counts(team, editor):
    survey = team.survey
    invitations_create(survey=survey, count=30, batch="North")
    invitations_create(survey=survey, count=20, batch="")
    north = Invitation.objects.filter(batch="North").values_list("pk", flat=True)[:7]
    Invitation.objects.filter(pk__in=list(north)).update(used=True)

    page = editor.get(distribute_url(survey)).content.decode()

    rows = re.findall(r"<tr class=\"govuk-table__row\">\s*<td.*?</tr>", page, re.S)
    text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]
    assert any(row.startswith("North") and row.endswith("30 fewer than 10") for row in text)
    assert any(row.startswith("(no label)") and row.endswith("20 0") for row in text)
