"""A survey's audit log page: owners only, newest first, a page at a time, filtered by action,
read-only, escaped, and with nothing about respondents in it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr class="govuk-table__row">(.*?)</tr>', re.S)


def audit_url(survey, **query) -> str:
    url = reverse("workspace:audit_log", args=[survey.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def rows(html: str) -> list[str]:
    """The text of each row of the events table's body."""
    body = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, re.S)
    found = ROW.findall(body.group(1)) if body else []
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in found]


def test_events_are_listed_newest_first_with_who_what_and_details(team, signed_in):
    start = timezone.now() - timedelta(days=2)
    with time_machine.travel(start, tick=False):
        audit_record(actor=team.owner, action=AuditEvent.Action.SURVEY_CREATED, survey=team.survey)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        audit_record(
            actor=team.editor,
            action=AuditEvent.Action.SURVEY_PUBLISHED,
            survey=team.survey,
            detail={"version": 1, "breaking_changes": []},
        )
    audit_record(actor=None, action=AuditEvent.Action.SURVEY_CLOSED, survey=team.survey)
    audit_record(
        actor=team.stranger, action=AuditEvent.Action.SURVEY_OPENED, survey=team.strangers_survey
    )

    listed = rows(signed_in("owner").get(audit_url(team.survey)).content.decode())

    assert len(listed) == 3
    assert "Closed the survey" in listed[0] and "Candour (automatic, or an operator)" in listed[0]
    assert "bob@example.org Published a version Version: 1 Breaking changes: –" in listed[1]
    assert "alice@example.org Created the survey" in listed[2]


def test_the_log_is_paginated_fifty_at_a_time(team, signed_in):
    for number in range(51):
        audit_record(
            actor=team.owner,
            action=AuditEvent.Action.SURVEY_CHANGED,
            survey=team.survey,
            detail={"n": number},
        )
    owner = signed_in("owner")

    first = owner.get(audit_url(team.survey)).content.decode()
    second = owner.get(audit_url(team.survey, page=2)).content.decode()

    assert len(rows(first)) == 50 and len(rows(second)) == 1
    assert "N: 50" in rows(first)[0] and "N: 0" in rows(second)[0]
    assert "Page 1 of 2" in first and 'rel="next"' in first


def test_the_log_is_filtered_by_action(team, signed_in):
    audit_record(actor=team.owner, action=AuditEvent.Action.SURVEY_CHANGED, survey=team.survey)
    audit_record(actor=team.owner, action=AuditEvent.Action.ROLE_GRANTED, survey=team.survey)
    owner = signed_in("owner")

    page = owner.get(audit_url(team.survey, action="role.granted")).content.decode()
    unknown = owner.get(audit_url(team.survey, action="nonsense")).content.decode()

    assert len(rows(page)) == 1 and rows(page)[0].endswith("alice@example.org Gave a role")
    assert '<option value="role.granted" selected>' in page
    assert len(rows(unknown)) == 2


def test_the_log_cannot_be_changed_through_the_page(team, signed_in):
    audit_record(actor=team.owner, action=AuditEvent.Action.SURVEY_CHANGED, survey=team.survey)
    owner = signed_in("owner")

    for method in ("post", "put", "delete", "patch"):
        assert getattr(owner, method)(audit_url(team.survey)).status_code == 405
    assert AuditEvent.objects.count() == 1


def test_details_typed_by_researchers_render_inert(team, signed_in):
    audit_record(
        actor=team.owner,
        action=AuditEvent.Action.INVITATIONS_CREATED,
        survey=team.survey,
        detail={"batch": "<script>alert(1)</script>", "count": 3},
    )

    html = signed_in("owner").get(audit_url(team.survey)).content.decode()

    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
