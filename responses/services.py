"""The respondent journey's writes: start, save a page, submit, resume, withdraw, follow up.

Each write is one transaction that locks the response row, so two tabs or a double click can
never interleave half-saves. A page's answers are merged into the stored answers (not replaced
wholesale), then answers to questions that no longer apply are dropped. Nothing here touches
Redis or the Celery broker: saving works whatever else is down.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction
from django.db.models import F

from responses import codes
from responses.anonymity import coarse_date, coarsen
from responses.availability import Availability, for_new_respondents, for_people_answering
from responses.models import FollowUpContact, Invitation, Response
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
    """A new response on the survey's current version; an invitation is used up in the same
    transaction, and nothing links the two rows."""
    availability = for_new_respondents(survey, now)
    if availability is not Availability.OPEN:
        raise NotAccepting(availability)
    with transaction.atomic():
        if survey.invitation_only:
            _use_invitation(survey, invitation_code)
        return Response.objects.create(
            survey=survey,
            version=survey.current_version,
            started_on=coarse_date(now, survey.submit_time_precision),
        )


def _use_invitation(survey: Survey, code: str) -> None:
    normalised = codes.normalise_code(code)
    claimed = Invitation.objects.filter(
        survey=survey, code_hash=codes.code_hash(normalised), used=False
    ).update(used=True)
    if not normalised or claimed != 1:
        raise InvitationInvalid


def _locked(response_id: uuid.UUID) -> Response:
    return (
        Response.objects.select_for_update().select_related("version", "survey").get(pk=response_id)
    )


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
        response = _locked(response_id)
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
        if (
            navigation == Navigation.CONTINUE
            and next_page(instrument, response.answers, page_index) is None
        ):
            response.furthest_page = len(instrument.pages)  # reached the end
        response.revision += 1
        response.save()
    return response


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


def response_submit(*, response_id: uuid.UUID, now: datetime) -> Response:
    """Complete the response. Idempotent: submitting a complete response changes nothing."""
    with transaction.atomic():
        response = _locked(response_id)
        if response.is_complete:
            return response
        _check_still_open(response, now)
        instrument = instrument_of(response)
        missing = unanswered_required(instrument, response.answers)
        if missing:
            raise Incomplete(tuple(missing))
        if not reached_the_end(response):
            raise PageNotReachable
        response.answers = prune(instrument, response.answers)
        response.status = Response.Status.COMPLETE
        response.submitted_at = coarsen(now, response.survey.submit_time_precision)
        response.duration_seconds = response.active_seconds
        response.receipt_hash = codes.code_hash(receipt_code(response))
        response.revision += 1
        response.save()
    return response


def receipt_code(response: Response) -> str:
    return codes.derived_code("receipt", str(response.id))


def resume_code(response: Response) -> str:
    return codes.derived_code("resume", str(response.id))


def response_enable_resume(*, response_id: uuid.UUID) -> str:
    """Store the hash of the response's resume code, and return the code to show."""
    with transaction.atomic():
        response = _locked(response_id)
        code = resume_code(response)
        if response.resume_code_hash != codes.code_hash(code):
            response.resume_code_hash = codes.code_hash(code)
            response.save(update_fields=["resume_code_hash"])
    return code


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


def followup_contact_record(
    *, survey: Survey, name: str, contact: str, note: str
) -> FollowUpContact:
    return FollowUpContact.objects.create(survey=survey, name=name, contact=contact, note=note)


def invitations_create(*, survey: Survey, count: int, batch: str = "") -> list[str]:
    """New single-use invitation codes; the plain codes exist only in the return value."""
    new_codes = [codes.random_code() for _ in range(count)]
    Invitation.objects.bulk_create(
        Invitation(survey=survey, code_hash=codes.code_hash(code), batch=batch)
        for code in new_codes
    )
    return [codes.format_code(code) for code in new_codes]
