"""The respondent journey's writes: start, save a page, submit, resume, withdraw, follow up.

Each write to a response is one transaction that locks the response row, so two tabs or a double
click can never interleave half-saves. A page's answers are merged into the stored answers (not
replaced wholesale), then answers to questions that no longer apply are dropped. Nothing here
touches Redis or the Celery broker: saving works whatever else is down.

Invitations and follow-up contacts are written in transactions of their own, never in one that
also writes a response, and nothing on a response records that either happened; the unlinking
batches (responses.unlinking) later erase what the database's own bookkeeping says about when.
Call these functions outside any transaction of the caller's, or that separation is lost.

Codes are random and shown once: only their keyed hashes are kept (responses.codes).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from responses import codes
from responses.anonymity import coarse_date, coarsen
from responses.availability import Availability, for_new_respondents, for_people_answering
from responses.models import FollowUpContact, Invitation, Response
from responses.reads import response_with_survey
from surveys.models import Survey
from surveys.relevance import next_page, previous_page, prune, unanswered_required
from surveys.schema import Instrument, QuestionSpec, instrument_for_version


class NotAccepting(Exception):
    def __init__(self, availability: Availability):
        super().__init__(availability.value)
        self.availability = availability


class InvitationInvalid(Exception):
    """The invitation code is unknown or was already used."""


class AlreadySubmitted(Exception):
    """The response is complete; it can no longer be changed."""


class PageNotReachable(Exception):
    """A page beyond the furthest one the respondent has reached."""


class Incomplete(Exception):
    """Required questions that apply are unanswered; the first is on `page_index`."""

    def __init__(self, missing: tuple[QuestionSpec, ...]):
        super().__init__(", ".join(question.code for question in missing))
        self.missing = missing

    @property
    def page_index(self) -> int:
        return self.missing[0].page_index


class Navigation:
    CONTINUE = "continue"
    BACK = "back"
    SAVE = "save"


def instrument_of(response: Response) -> Instrument:
    return instrument_for_version(response.version)


def response_start(*, survey: Survey, now: datetime, invitation_code: str = "") -> Response:
    """A new response on the survey's current version.

    An invitation is used up first, in a transaction of its own; the response is created in the
    next. If creating the response fails, the invitation is given back.
    """
    availability = for_new_respondents(survey, now)
    if availability is not Availability.OPEN:
        raise NotAccepting(availability)
    code = codes.normalise_code(invitation_code) if survey.invitation_only else ""
    if survey.invitation_only:
        _use_invitation(survey, code)
    try:
        with transaction.atomic():
            return Response.objects.create(
                survey=survey,
                version=survey.current_version,
                started_on=coarse_date(now, survey.submit_time_precision),
                last_saved_on=coarse_date(now, survey.submit_time_precision),
            )
    except Exception:
        if code:
            _give_back_invitation(survey, code)
        raise


def _use_invitation(survey: Survey, code: str) -> None:
    if not code:
        raise InvitationInvalid
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            survey=survey, code_hash=codes.code_hash(code), used=False
        ).update(used=True, mixed=False)
    if claimed != 1:
        raise InvitationInvalid


def _give_back_invitation(survey: Survey, code: str) -> None:
    Invitation.objects.filter(
        survey=survey, code_hash=codes.code_hash(code), used=True, mixed=False
    ).update(used=False)


def _locked(response_id: uuid.UUID) -> Response:
    """The response, its row locked until the transaction ends; its survey and version read
    (responses.reads). A survey closed while a save is under way lets that one save finish, as
    if it had come a moment earlier."""
    response = response_with_survey(response_id, lock=True)
    if response is None:
        raise Response.DoesNotExist
    return response


def _check_still_open(response: Response, now: datetime) -> None:
    if response.is_complete:
        raise AlreadySubmitted
    availability = for_people_answering(response.survey, now)
    if availability is not Availability.OPEN:
        raise NotAccepting(availability)


def page_answer_keys(instrument: Instrument, page_index: int) -> set[str]:
    page = instrument.pages[page_index]
    return {key for q in page.questions for key in q.kind.answer_keys(q)}


def response_save_page(
    *,
    response_id: uuid.UUID,
    page_index: int,
    page_answers: dict,
    navigation: str,
    seconds_on_page: int,
    now: datetime,
) -> Response:
    """Store one page's answers and move to the page `navigation` leads to."""
    with transaction.atomic():
        return response_save_locked_page(
            response=_locked(response_id),
            page_index=page_index,
            page_answers=page_answers,
            navigation=navigation,
            seconds_on_page=seconds_on_page,
            now=now,
        )


def response_save_locked_page(
    *,
    response: Response,
    page_index: int,
    page_answers: dict,
    navigation: str,
    seconds_on_page: int,
    now: datetime,
) -> Response:
    """`response_save_page` for a response the caller read with its row locked, in the
    transaction it is in (`responses.reads.response_with_survey(lock=True)`): a page save then
    reads the response once, not once to validate and again to store."""
    _check_still_open(response, now)
    instrument = instrument_of(response)
    if page_index > response.furthest_page or page_index >= len(instrument.pages):
        raise PageNotReachable
    keys = page_answer_keys(instrument, page_index)
    merged = {k: v for k, v in response.answers.items() if k not in keys} | page_answers
    response.answers = prune(instrument, merged)
    response.active_seconds += seconds_on_page
    response.current_page = _destination(instrument, response, page_index, navigation)
    response.furthest_page = max(response.furthest_page, response.current_page)
    at_end = next_page(instrument, response.answers, page_index) is None
    if navigation == Navigation.CONTINUE and at_end:
        response.furthest_page = len(instrument.pages)  # reached the end
    response.last_saved_on = coarse_date(now, response.survey.submit_time_precision)
    response.save(update_fields=PAGE_SAVE_FIELDS)
    return response


PAGE_SAVE_FIELDS = ("answers", "active_seconds", "current_page", "furthest_page", "last_saved_on")


def _destination(
    instrument: Instrument, response: Response, page_index: int, navigation: str
) -> int:
    if navigation == Navigation.CONTINUE:
        following = next_page(instrument, response.answers, page_index)
        return following.index if following else page_index
    if navigation == Navigation.BACK:
        earlier = previous_page(instrument, response.answers, page_index)
        return earlier.index if earlier else page_index
    return page_index


def reached_the_end(response: Response) -> bool:
    return response.furthest_page >= len(instrument_of(response).pages)


@dataclass(frozen=True)
class Submission:
    """What submitting gave: the codes exist only here, for the browser, and are never stored.

    `receipt` and `followup_ticket` are empty when the response was already complete (a double
    click, a second tab): a receipt is shown once.
    """

    response: Response
    receipt: str = ""
    followup_ticket: str = ""


def response_submit(*, response_id: uuid.UUID, now: datetime) -> Submission:
    """Complete the response. Idempotent: submitting a complete response changes nothing."""
    with transaction.atomic():
        response = _locked(response_id)
        if response.is_complete:
            return Submission(response)
        _check_still_open(response, now)
        instrument = instrument_of(response)
        missing = unanswered_required(instrument, response.answers)
        if missing:
            raise Incomplete(tuple(missing))
        if not reached_the_end(response):
            raise PageNotReachable
        receipt = codes.random_code()
        response_complete_fields(response, instrument, now)
        response.receipt_hash = codes.code_hash(receipt)
        response.save()
    ticket = codes.new_followup_ticket() if response.survey.followup_enabled else ""
    return Submission(response, receipt=codes.format_code(receipt), followup_ticket=ticket)


def response_complete_fields(response: Response, instrument: Instrument, now: datetime) -> None:
    """What completing sets on a response, whichever way it came (browser or API): only the
    answers that apply, the status, a submission time coarsened to the survey's precision, the
    time spent, and no resume code any more. The caller saves."""
    response.answers = prune(instrument, response.answers)
    response.status = Response.Status.COMPLETE
    response.submitted_at = coarsen(now, response.survey.submit_time_precision)
    response.duration_seconds = response.active_seconds
    response.resume_code_hash = None


def response_issue_resume_code(*, response_id: uuid.UUID) -> str:
    """A new resume code for an unfinished response, replacing (and so cancelling) any earlier
    one. Only its hash is stored: the code is shown once."""
    code = codes.random_code()
    with transaction.atomic():
        response = _locked(response_id)
        if response.is_complete:
            raise AlreadySubmitted
        response.resume_code_hash = codes.code_hash(code)
        response.save(update_fields=["resume_code_hash"])
    return codes.format_code(code)


def response_find_by_resume_code(*, survey: Survey, code: str) -> Response | None:
    normalised = codes.normalise_code(code)
    if not normalised:
        return None
    return Response.objects.filter(
        survey=survey,
        resume_code_hash=codes.code_hash(normalised),
        status=Response.Status.IN_PROGRESS,
    ).first()


def response_find_by_receipt(*, survey: Survey, receipt: str) -> Response | None:
    normalised = codes.normalise_code(receipt)
    if not normalised:
        return None
    return Response.objects.filter(
        survey=survey, receipt_hash=codes.code_hash(normalised), status=Response.Status.COMPLETE
    ).first()


def response_withdraw(*, survey: Survey, receipt: str) -> bool:
    """Erase a complete response by its receipt; only a count of withdrawals remains."""
    normalised = codes.normalise_code(receipt)
    if not normalised:
        return False
    with transaction.atomic():
        deleted, _ = Response.objects.filter(
            survey=survey, receipt_hash=codes.code_hash(normalised), status=Response.Status.COMPLETE
        ).delete()
        if deleted:
            Survey.objects.filter(pk=survey.pk).update(withdrawal_count=F("withdrawal_count") + 1)
    return bool(deleted)


def response_delete_unfinished(*, survey: Survey, code: str) -> bool:
    """Erase unfinished answers by their resume code ("delete my answers"); nothing remains."""
    normalised = codes.normalise_code(code)
    if not normalised:
        return False
    deleted, _ = Response.objects.filter(
        survey=survey,
        resume_code_hash=codes.code_hash(normalised),
        status=Response.Status.IN_PROGRESS,
    ).delete()
    return bool(deleted)


class FollowUpRefused(Exception):
    """The ticket is missing, or contact details were already left with it."""


def followup_ticket_spent(*, ticket: str) -> bool:
    return (
        bool(ticket)
        and FollowUpContact.objects.filter(ticket_hash=codes.followup_ticket_hash(ticket)).exists()
    )


def followup_contact_record(
    *, survey: Survey, ticket: str, name: str, contact: str, note: str
) -> FollowUpContact:
    """Store a volunteer's contact details: once per ticket, so once per submitted response.

    The ticket's hash is stored on the contact itself, under a unique constraint: of any number
    of posts with one ticket, at the same moment or not, exactly one is stored. A conflict is
    skipped by the database (ON CONFLICT DO NOTHING), so no error with the details in it reaches
    the database server's log.
    """
    if not ticket:
        raise FollowUpRefused
    row = FollowUpContact(
        survey=survey,
        ticket_hash=codes.followup_ticket_hash(ticket),
        name=name,
        contact=contact,
        note=note,
    )
    with transaction.atomic():
        FollowUpContact.objects.bulk_create([row], ignore_conflicts=True)
        if not FollowUpContact.objects.filter(pk=row.pk).exists():
            raise FollowUpRefused
    return row


def invitations_create(*, survey: Survey, count: int, batch: str = "") -> list[str]:
    """New single-use invitation codes; the plain codes exist only in the return value.

    Rows get random ids and are stored in an order unrelated to the order of the codes returned,
    so neither a row's id nor its place in the table tells whom its printed code went to.
    """
    shuffler = random.SystemRandom()
    new_codes = {codes.random_code() for _ in range(count)}
    while len(new_codes) < count:
        new_codes.add(codes.random_code())
    stored = list(new_codes)
    shuffler.shuffle(stored)
    created_at = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey, code_hash=codes.code_hash(code), batch=batch, created_at=created_at
        )
        for code in stored
    )
    printed = list(new_codes)
    shuffler.shuffle(printed)
    return [codes.format_code(code) for code in printed]
