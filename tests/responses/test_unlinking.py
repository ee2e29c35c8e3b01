"""With the database in hand, system columns and physical order included, nobody can tell which
used invitation or which follow-up contact belongs to which response once the batches have run.

The attacker's reference is the order responses were submitted (their own `xmin` and `ctid`
follow it). Each test knows the truth (which code and which contact each respondent used) and
measures how well each ordering of the rows that must not be linked follows the responses'
order: Kendall's tau, 1 when the orders agree, 0 on average for an unrelated order.
"""

from __future__ import annotations

import io
import random
import statistics
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from responses import services
from responses.models import FollowUpContact, Invitation, Response, UnlinkingRun
from responses.services import Navigation
from responses.unlinking import MIN_GROUP, unlinking_run
from surveys.models import Survey
from tests.responses.conftest import Respondent, a_survey, code_hash

pytestmark = pytest.mark.django_db(transaction=True)

ONE_PAGE = [
    {"title": "Your role", "questions": [{"code": "role", "type": "short_text", "required": True}]}
]
RESPONDENTS = 40
RUNS = 12
NEAR_ZERO = 0.2


def kendall_tau(first: list, second: list) -> float:
    """Kendall's tau between two rankings of the same items, without ties."""
    n = len(first)
    agreement = sum(
        (first[i] > first[j]) == (second[i] > second[j]) for i in range(n) for j in range(i + 1, n)
    )
    pairs = n * (n - 1) // 2
    return (2 * agreement - pairs) / pairs


@dataclass(frozen=True)
class StoredRow:
    key: str  # what the test knows the row by: a code's hash, a ticket's hash
    id: str
    physical: tuple  # ctid (page, item) on PostgreSQL, rowid on SQLite
    xmin: int | None  # the writing transaction, PostgreSQL only


def stored_rows(table: str, key_column: str, survey: Survey) -> list[StoredRow]:
    """The rows of one survey as an attacker reads them, system columns included."""
    if connection.vendor == "postgresql":
        columns = f"{key_column}, id::text, ctid::text, xmin::text::bigint"
    else:
        columns = f"{key_column}, id, rowid, NULL"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE survey_id = %s", [survey.pk])  # noqa: S608
        rows = cursor.fetchall()
    return [StoredRow(key, str(id_), _physical(place), xmin) for key, id_, place, xmin in rows]


def _physical(place) -> tuple:
    if isinstance(place, str):  # a ctid: "(page,item)"
        page, item = place.strip("()").split(",")
        return int(page), int(item)
    return (place,)


@dataclass
class Fieldwork:
    """One survey's invited respondents, each with a follow-up contact; what the test knows."""

    survey: Survey
    code_of: dict[int, str]  # respondent -> the invitation code they used
    ticket_of: dict[int, str]  # respondent -> their follow-up ticket
    started: list[int]  # respondents in the order they started
    submitted: list[int]  # ... in the order they submitted

    def ranks(self, order: list[int], rows: list[StoredRow], truth: dict[int, str], attribute):
        """For each respondent, (their place in `order`, their row's place by `attribute`)."""
        by_key = {row.key: row for row in rows}
        place = {respondent: position for position, respondent in enumerate(order)}
        pairs = [(place[r], attribute(by_key[truth[r]])) for r in order]
        return [p for p, _ in pairs], [a for _, a in pairs]

    def tau(self, table: str, by, against: list[int]) -> float:
        if table == "contacts":
            rows = stored_rows("responses_followupcontact", "ticket_hash", self.survey)
            truth = {r: services.codes.followup_ticket_hash(t) for r, t in self.ticket_of.items()}
        else:
            rows = stored_rows("responses_invitation", "code_hash", self.survey)
            truth = {r: code_hash(c) for r, c in self.code_of.items()}
        return kendall_tau(*self.ranks(against, rows, truth, by))


def _start_and_answer(survey, respondent: int, code: str, now) -> Response:
    response = services.response_start(survey=survey, now=now, invitation_code=code)
    services.response_save_page(
        response_id=response.id,
        page_index=0,
        page_answers={"role": f"role {respondent}"},
        navigation=Navigation.CONTINUE,
        seconds_on_page=30,
        now=now,
    )
    return response


def fieldwork(run: int, *, interleaved: bool) -> Fieldwork:
    """Invited respondents answer and volunteer: each in turn, or all at once in any order."""
    survey = a_survey(
        slug=f"run-{run}-{'mixed' if interleaved else 'turns'}",
        pages=ONE_PAGE,
        invitation_only=True,
        followup_enabled=True,
        show_check_answers=False,
    )
    people = list(range(RESPONDENTS))
    codes = services.invitations_create(survey=survey, count=RESPONDENTS)
    work = Fieldwork(survey, dict(zip(people, codes, strict=True)), {}, [], [])
    now = timezone.now()
    rng = random.Random(run)
    responses = {}
    steps = _interleaved(people, rng) if interleaved else _in_turns(people)
    for step, person in steps:
        if step == "start":
            responses[person] = _start_and_answer(survey, person, work.code_of[person], now)
            work.started.append(person)
        elif step == "submit":
            submission = services.response_submit(response_id=responses[person].id, now=now)
            work.ticket_of[person] = submission.followup_ticket
            work.submitted.append(person)
        else:
            services.followup_contact_record(
                survey=survey,
                ticket=work.ticket_of[person],
                name=f"Volunteer {person}",
                contact=f"v{person}@example.org",
                note="",
            )
    return work


def _in_turns(people):
    for person in people:
        yield from (("start", person), ("submit", person), ("volunteer", person))


def _interleaved(people, rng):
    """Everyone starts, then submissions and volunteering happen in an unrelated order."""
    for step in ("start", "submit"):
        yield from ((step, person) for person in rng.sample(people, len(people)))
    submitted_or_not = list(people)
    rng.shuffle(submitted_or_not)
    yield from (("volunteer", person) for person in submitted_or_not)


def physical(row: StoredRow):
    return row.physical


def row_id(row: StoredRow):
    return row.id


def test_before_the_batches_the_physical_order_gives_volunteers_away():
    """The measure works: written one respondent after another, contacts sit in the table in
    the order of submission (tau 1), so matching them to answers would be trivial."""
    work = fieldwork(0, interleaved=False)

    assert work.tau("contacts", physical, work.submitted) > 0.9
    if connection.vendor == "postgresql":
        assert work.tau("invitations", lambda row: row.xmin, work.started) > 0.9


@pytest.mark.parametrize("interleaved", [False, True], ids=["one-after-another", "interleaved"])
def test_after_the_batches_no_order_of_the_rows_follows_the_order_of_the_answers(interleaved):
    """After the batches, every used invitation and every contact of a survey was written by
    one transaction (one `xmin`), and their physical order and their ids are random.

    Kendall's tau between the responses' order (of submitting; for invitations, of starting
    too) and each order of the rows (by physical place, by id) is then, for each of RUNS
    surveys of RESPONDENTS respondents, a draw from tau's null distribution: mean 0, variance
    2(2n + 5) / (9n(n - 1)), a standard deviation of 0.110 for n = 40. The mean of 12
    independent runs has a standard deviation of 0.0318, and its distribution is very close to
    normal (tau is asymptotically normal, closely so from n = 10, and this is a mean of 12).
    Requiring |mean| < 0.2 puts the bound 6.3 standard deviations out: a false failure has a
    probability of about 3e-10 for each of the six orders, 2e-9 for the test. A link that
    survived would give a mean near 1 (see the test before this one).
    """
    fields = [fieldwork(run, interleaved=interleaved) for run in range(1, RUNS + 1)]

    call_command("unlink_now", stdout=io.StringIO())

    means = {}
    orders = [("physical place", physical), ("id", row_id)]
    for table, against in (("contacts", "submitted"), ("invitations", "submitted"),
                           ("invitations", "started")):  # fmt: skip
        for name, order in orders:
            taus = [work.tau(table, order, getattr(work, against)) for work in fields]
            means[f"{table} by {name}, against the order {against}"] = statistics.fmean(taus)
    assert all(abs(mean) < NEAR_ZERO for mean in means.values()), means
    if connection.vendor == "postgresql":
        for work in fields:
            for table, key in (
                ("responses_followupcontact", "ticket_hash"),
                ("responses_invitation", "code_hash"),
            ):
                assert len({row.xmin for row in stored_rows(table, key, work.survey)}) == 1


def test_a_batch_keeps_every_row_and_every_value_and_gives_fresh_ids():
    work = fieldwork(99, interleaved=True)
    before_contacts = set(
        FollowUpContact.objects.values_list("ticket_hash", "name", "contact", "note", "survey")
    )
    before_invitations = set(
        Invitation.objects.values_list("code_hash", "batch", "used", "created_at", "survey")
    )
    old_ids = set(FollowUpContact.objects.values_list("id", flat=True)) | set(
        Invitation.objects.filter(used=True).values_list("id", flat=True)
    )

    unlinking_run(now=timezone.now())

    assert (
        set(FollowUpContact.objects.values_list("ticket_hash", "name", "contact", "note", "survey"))
        == before_contacts
    )
    assert (
        set(Invitation.objects.values_list("code_hash", "batch", "used", "created_at", "survey"))
        == before_invitations
    )
    new_ids = set(FollowUpContact.objects.values_list("id", flat=True)) | set(
        Invitation.objects.filter(used=True).values_list("id", flat=True)
    )
    assert not old_ids & new_ids
    assert not Invitation.objects.filter(used=True, mixed=False).exists()
    assert Response.objects.filter(survey=work.survey, status="complete").count() == RESPONDENTS


def test_a_used_code_stays_used_after_the_batch():
    work = fieldwork(98, interleaved=False)
    unlinking_run(now=timezone.now())

    with pytest.raises(services.InvitationInvalid):
        services.response_start(
            survey=work.survey, now=timezone.now(), invitation_code=work.code_of[0]
        )


def test_a_ticket_stays_spent_after_the_batch():
    work = fieldwork(97, interleaved=False)
    unlinking_run(now=timezone.now())

    with pytest.raises(services.FollowUpRefused):
        services.followup_contact_record(
            survey=work.survey,
            ticket=work.ticket_of[0],
            name="",
            contact="again@example.org",
            note="",
        )
    assert FollowUpContact.objects.filter(survey=work.survey).count() == RESPONDENTS


# --- groups for the research team ----------------------------------------------------------


def _volunteers(survey, count: int) -> None:
    for number in range(count):
        person = Respondent(survey, REMOTE_ADDR=f"192.0.2.{number + 1}")
        person.complete_as_teacher()
        person.post("follow-up/", {"contact": f"p{number}@example.org"})


def _stages(survey) -> list[str]:
    return sorted(FollowUpContact.objects.filter(survey=survey).values_list("stage", flat=True))


def test_contacts_reach_the_research_team_only_in_groups_of_at_least_five():
    survey = a_survey(followup_enabled=True)
    _volunteers(survey, MIN_GROUP - 1)

    unlinking_run(now=timezone.now())
    assert _stages(survey) == ["mixed"] * (MIN_GROUP - 1)

    _volunteers(survey, 1)
    unlinking_run(now=timezone.now())
    assert _stages(survey) == ["released"] * MIN_GROUP


def test_when_the_survey_stops_taking_answers_the_last_few_contacts_are_released():
    survey = a_survey(followup_enabled=True)
    _volunteers(survey, 2)
    unlinking_run(now=timezone.now())
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)

    unlinking_run(now=timezone.now())

    assert _stages(survey) == ["released", "released"]


def test_a_batch_for_a_survey_with_nothing_new_rewrites_nothing():
    survey = a_survey(followup_enabled=True)
    _volunteers(survey, MIN_GROUP)
    unlinking_run(now=timezone.now())
    ids = set(FollowUpContact.objects.values_list("id", flat=True))

    results = unlinking_run(now=timezone.now())

    assert results == []
    assert set(FollowUpContact.objects.values_list("id", flat=True)) == ids


# --- when the batches run --------------------------------------------------------------------


def test_unlink_now_rewrites_at_once_and_says_what_it_did():
    survey = a_survey(followup_enabled=True)
    _volunteers(survey, 3)
    output = io.StringIO()

    call_command("unlink_now", stdout=output)

    assert output.getvalue().splitlines() == [
        "practice: 0 used invitations and 3 follow-up contacts rewritten; "
        "0 contacts released to the research team",
        "Unlinked 1 surveys.",
    ]
    assert UnlinkingRun.objects.get().finished_at <= timezone.now()


def test_while_the_batches_do_not_run_nothing_is_lost_and_rows_wait():
    survey = a_survey(followup_enabled=True, invitation_only=True)
    codes = services.invitations_create(survey=survey, count=2)
    for number, code in enumerate(codes):
        person = Respondent(survey, REMOTE_ADDR=f"192.0.2.{number + 1}")
        person.start(code=code)
        person.answer(1, {"role": "teacher"})
        person.answer(3, {"years": "3"})
        person.submit()
        person.get("complete/")
        person.post("follow-up/", {"contact": f"p{number}@example.org"})

    assert Response.objects.filter(status="complete").count() == 2
    assert _stages(survey) == ["pending", "pending"]
    assert Invitation.objects.filter(used=True, mixed=False).count() == 2
    assert not UnlinkingRun.objects.exists()


@pytest.mark.worker
def test_the_periodic_task_runs_the_batches_in_a_real_worker(celery_worker):
    from responses.tasks import unlink

    survey = a_survey(followup_enabled=True)
    _volunteers(survey, 2)

    assert unlink.delay().get(timeout=60) == 1

    assert _stages(survey) == ["mixed", "mixed"]
    assert UnlinkingRun.objects.get().finished_at <= timezone.now()


def test_the_beat_schedule_runs_the_batches_every_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["responses.unlink"]

    assert entry["task"] == "responses.unlink"
    assert entry["schedule"].total_seconds() == settings.CANDOUR_UNLINK_INTERVAL_SECONDS == 3600
