"""The demo survey: its details (privacy notice, support) and its pages, as an unpublished draft."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from surveys.demo.drafts import PageDraft, drafts_save
from surveys.demo.pages_about_you import ABOUT_YOU_PAGES
from surveys.demo.pages_practice import PRACTICE_PAGES
from surveys.demo.pages_support import SUPPORT_PAGES
from surveys.models import Survey

DEMO_SLUG = "complex-safeguarding"
DEMO_TITLE = "Complex safeguarding practitioner survey"
DEMO_PAGES: tuple[PageDraft, ...] = ABOUT_YOU_PAGES + PRACTICE_PAGES + SUPPORT_PAGES

DESCRIPTION = (
    "A survey of practitioners who work with children and families about how they recognise "
    "and respond to child sexual abuse and exploitation: the concerns they see, the words they "
    "use, the tools and training they have, and the support they get. This is a demonstration "
    "survey; the responses in it are synthetic."
)
CONTACT_DETAILS = (
    "Email the research team at safeguarding-research@example.org. To raise a concern about "
    "the study, contact the research ethics committee at ethics@example.org."
)
PRIVACY_EXTRA = (
    "Answers are kept on servers in the UK for three years after the study ends and then "
    "deleted. Before any data is shared for secondary analysis, free-text answers are checked "
    "and anything that could identify a person or place is removed."
)
CONTENT_NOTE = (
    "Some questions are about child sexual abuse and exploitation that you may have come across "
    "in your work. They do not ask about your own life."
)
# Independent and confidential: practitioners may not want to turn to their own employer.
SUPPORT_INFORMATION = "\n".join(
    [
        "NAPAC, for adults affected by childhood abuse: 0808 801 0331 (free), napac.org.uk",
        "Samaritans, any time, day or night: 116 123 (free), samaritans.org",
        "Mind, for mental health information: 0300 123 3393, mind.org.uk",
    ]
)
LAWFUL_BASIS = (
    "A task in the public interest (UK GDPR article 6(1)(e)): research into how children are "
    "protected. This is a demonstration survey."
)
RETENTION_PERIOD = (
    "Until three years after the study ends, then deleted. Only the research team can see the "
    "answers."
)
FOLLOWUP_PROMPT = (
    "We are also interviewing practitioners about their experience. If you would be willing to "
    "talk to us for about 45 minutes, leave an email address or phone number."
)


def demo_survey_create(*, now: datetime) -> Survey:
    """The demo survey with its draft instrument, open from 30 days before `now` until
    11:59pm 60 days after it, as a real study would set its deadline.

    It stays a draft until published; the caller publishes it and sets it open.
    """
    local = timezone.localtime(now)
    survey = Survey.objects.create(
        slug=DEMO_SLUG,
        title=DEMO_TITLE,
        description=DESCRIPTION,
        organisation="The Safeguarding Practice Research Group (demo)",
        contact_details=CONTACT_DETAILS,
        privacy_extra=PRIVACY_EXTRA,
        data_controller="The Safeguarding Practice Research Group (demo)",
        lawful_basis=LAWFUL_BASIS,
        retention_period=RETENTION_PERIOD,
        withdraw_by=(local + timedelta(days=90)).date(),
        content_note=CONTENT_NOTE,
        support_information=SUPPORT_INFORMATION,
        estimated_minutes=15,
        opens_at=(local - timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0),
        closes_at=(local + timedelta(days=60)).replace(hour=23, minute=59, second=0, microsecond=0),
        submit_time_precision=Survey.TimePrecision.DATE,
        followup_enabled=True,
        followup_prompt=FOLLOWUP_PROMPT,
    )
    drafts_save(survey=survey, pages=DEMO_PAGES)
    return survey
