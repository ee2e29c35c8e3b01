"""The privacy notice respondents read, written from the survey's own settings.

It says only what Candour actually does for this survey, so it stays true when a researcher
changes a setting: how precisely times are kept, whether answers can be saved for later,
whether invitation codes are used, and how to withdraw.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from surveys.models import Survey


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]


def _time_sentence(survey: Survey) -> str:
    precision = survey.submit_time_precision
    if precision == Survey.TimePrecision.HOUR:
        return _("We record the hour you submit (for example, ‘2pm on 3 March’), not the minute.")
    if precision == Survey.TimePrecision.MONTH:
        return _("We record only the month you take part, not the day or time.")
    return _("We record only the date you take part, not the time of day.")


def privacy_notice(survey: Survey) -> list[Section]:
    collected = [
        _("Your answers to the questions, and nothing else about you."),
        _time_sentence(survey),
        _("We record how long you spent answering, in whole seconds, to check data quality."),
        _(
            "We do not record your IP address, your device or browser, or the page you came "
            "from. There are no analytics, no tracking and nothing is loaded from other websites."
        ),
    ]
    if survey.invitation_only:
        collected.append(
            _(
                "Your invitation code is marked as used so it cannot be used twice, but it is not "
                "stored with your answers, and used codes are regularly mixed together: nobody "
                "can tell which invitation a response came from."
            )
        )
    cookies = [
        _(
            "We use one cookie, ‘candour_response’, that lets you move between pages of this "
            "survey. It contains a random reference to your answers, and it is deleted when you "
            "close your browser. It is strictly necessary, so we do not ask for consent to use it."
        )
    ]
    resume = []
    if survey.allow_save_and_resume:
        resume.append(
            _(
                "If you choose ‘Save and continue later’, you get a code that restores your "
                "answers on any device. It is shown once: we store only a scrambled version of "
                "it. Anyone with the code can see and change your unsubmitted answers, so keep it "
                "private. With it you can also delete your unsubmitted answers."
            )
        )
    resume.append(
        ngettext(
            "If you do not finish, the answers you saved are deleted %(days)d day after you "
            "last saved them, or when the survey closes.",
            "If you do not finish, the answers you saved are deleted %(days)d days after you "
            "last saved them, or when the survey closes.",
            survey.unfinished_retention_days,
        )
        % {"days": survey.unfinished_retention_days}
    )
    withdraw = [
        _(
            "When you submit, you get a receipt code, shown once. With it you can delete your "
            "answers later, on the ‘Withdraw your answers’ page of this survey, until the "
            "research team analyses the data. We cannot find your answers without the code."
        )
    ]
    sensitive = [
        _(
            "The research team can read your answers exactly as you wrote them, including "
            "anything you type in a text box. If you write about a specific child, family or "
            "colleague, please do not include names or other details that could identify them."
        ),
        _(
            "Datasets the team exports for analysis have details that look identifying, such as "
            "names, email addresses and phone numbers, removed from typed answers by an "
            "automatic step. It cannot catch everything: it is safest not to write them."
        ),
    ]
    sections = [
        Section(_("What we collect"), collected),
        Section(_("Cookies"), cookies),
        Section(_("Saving and withdrawing"), resume + withdraw),
        Section(_("Writing about people"), sensitive),
        Section(
            _("Who is responsible"),
            [
                _("This survey is run by %(organisation)s, who decide how the answers are used.")
                % {"organisation": survey.organisation}
            ]
            + ([survey.contact_details] if survey.contact_details else []),
        ),
    ]
    if survey.privacy_extra:
        sections.append(Section(_("More about this study"), [survey.privacy_extra]))
    return sections
