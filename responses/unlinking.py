"""Unlinking: making used invitations and follow-up contacts impossible to tie to answers by time.

No column links an invitation or a contact to a response, but the database keeps its own
bookkeeping. In PostgreSQL, `xmin` is the transaction that last wrote a row and `ctid` its place
in the table; in SQLite, `rowid` is the order rows were added. Anyone who can SELECT can read
them. A contact written a moment after a response was submitted, or an invitation used a moment
before a response was created, could be matched to it by those numbers.

So, for each survey with something new, one transaction deletes *all* its used invitations and
all its follow-up contacts and inserts copies with fresh random ids, in a random order. Afterwards
every such row of the survey carries the same `xmin`, its physical order is a random permutation,
and its id is new: nothing orders them by when they came, and no row can be told apart as the
newest. Rows waiting for the next batch are the only ones still linkable; the periodic task
(responses.tasks.unlink, every `CANDOUR_UNLINK_INTERVAL_SECONDS`) bounds that window, and
`manage.py unlink_now` closes it at once. If the worker is down, nothing is lost: rows simply
wait longer.

Follow-up contacts reach the research team in groups: a mixed contact is released only with at
least `MIN_GROUP` waiting together, or when the survey stops taking answers. A researcher who
watches both the responses and the contact list therefore never sees one volunteer arrive alone.

What this does not cover is documented in docs/anonymity.md: dead row versions until VACUUM, the
write-ahead log and backups taken inside the window.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from responses.availability import Availability, for_people_answering
from responses.models import FollowUpContact, Invitation, UnlinkingRun
from surveys.models import Survey

MIN_GROUP = 5
_DELETE_CHUNK = 500

Stage = FollowUpContact.Stage


@dataclass(frozen=True)
class UnlinkResult:
    """What one survey's batch did: rows rewritten, and contacts newly given to the team."""

    survey_slug: str
    invitations: int = 0
    contacts: int = 0
    released: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.invitations or self.contacts)


def surveys_waiting_to_unlink() -> QuerySet[Survey]:
    """Surveys with a used invitation not yet mixed, or a contact not yet released."""
    unmixed = Invitation.objects.filter(used=True, mixed=False).values("survey")
    unreleased = FollowUpContact.objects.exclude(stage=Stage.RELEASED).values("survey")
    return Survey.objects.filter(Q(pk__in=unmixed) | Q(pk__in=unreleased)).order_by("pk")


def survey_unlink(*, survey_id: int, now: datetime) -> UnlinkResult:
    """Rewrite the survey's used invitations and follow-up contacts if any is new (one
    transaction), and release waiting contacts when a group is complete."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey_id)
        invitations = _rewrite_used_invitations(survey)
        contacts, released = _rewrite_contacts(survey, now)
    return UnlinkResult(survey.slug, invitations, contacts, released)


def unlinking_run(*, now: datetime) -> list[UnlinkResult]:
    """One batch for every survey waiting, then note that the batches ran."""
    surveys = list(surveys_waiting_to_unlink().values_list("pk", flat=True))
    results = [survey_unlink(survey_id=survey_id, now=now) for survey_id in surveys]
    UnlinkingRun.objects.update_or_create(pk=1, defaults={"finished_at": now})
    return [result for result in results if result.changed]


def interval_minutes() -> int:
    """How long, at most, a new row waits to be mixed while the worker keeps up."""
    return max(1, round(settings.CANDOUR_UNLINK_INTERVAL_SECONDS / 60))


def unlinking_last_run() -> datetime | None:
    run = UnlinkingRun.objects.filter(pk=1).first()
    return run.finished_at if run else None


def _rewrite_used_invitations(survey: Survey) -> int:
    used = list(Invitation.objects.select_for_update().filter(survey=survey, used=True))
    if all(invitation.mixed for invitation in used):
        return 0
    copies = [
        Invitation(
            survey=survey,
            code_hash=invitation.code_hash,
            batch=invitation.batch,
            used=True,
            mixed=True,
            created_at=invitation.created_at,
        )
        for invitation in used
    ]
    _replace(Invitation, used, copies)
    return len(copies)


def _rewrite_contacts(survey: Survey, now: datetime) -> tuple[int, int]:
    contacts = list(FollowUpContact.objects.select_for_update().filter(survey=survey))
    pending = sum(contact.stage == Stage.PENDING for contact in contacts)
    waiting = sum(contact.stage != Stage.RELEASED for contact in contacts)
    collecting = for_people_answering(survey, now) is Availability.OPEN
    release = waiting >= MIN_GROUP or (waiting > 0 and not collecting)
    if not pending and not release:
        return 0, 0
    copies = [
        FollowUpContact(
            survey=survey,
            ticket_hash=contact.ticket_hash,
            stage=Stage.RELEASED if release or contact.stage == Stage.RELEASED else Stage.MIXED,
            name=contact.name,
            contact=contact.contact,
            note=contact.note,
        )
        for contact in contacts
    ]
    _replace(FollowUpContact, contacts, copies)
    return len(copies), waiting if release else 0


def _replace(model, old_rows: list, copies: list) -> None:
    """Delete exactly `old_rows` (never a row that arrived meanwhile) and insert `copies` in a
    random order (on PostgreSQL in one INSERT, so they share its command id `cmin` as well)."""
    for chunk in _chunks([row.pk for row in old_rows]):
        model.objects.filter(pk__in=chunk).delete()
    random.SystemRandom().shuffle(copies)
    model.objects.bulk_create(copies)


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), _DELETE_CHUNK):
        yield items[start : start + _DELETE_CHUNK]
