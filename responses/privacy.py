"""The privacy notice respondents read, written from the survey's own settings.

It says only what Candour actually does for this survey, so it stays true when a researcher
changes a setting: how precisely times are kept, whether answers can be saved for later,
whether invitation codes are used, and how to withdraw. What only the research team can say
(who the data controller is, the lawful basis, how long answers are kept, the last day to
withdraw) comes from the survey's own fields, and the notice says plainly when one is not given.
Complaints go to the UK Information Commissioner's Office unless the survey names another
regulator.
"""

from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from surveys.models import Survey

ICO = (
    "the Information Commissioner’s Office (ICO), the UK’s independent regulator for data "
    "protection: ico.org.uk/make-a-complaint, or 0303 123 1113"
)


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
        _(
            "We do not ask your name, but in a small team or area a combination of answers (your "
            "role, where you work, how long you have done it) could let someone who knows you "
            "recognise you. Questions marked optional can be skipped, and many have a ‘Prefer "
            "not to say’ answer. The research team shows no count smaller than %(threshold)d in "
            "its summaries."
        )
        % {"threshold": survey.small_count_threshold},
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
    if survey.withdraw_by:
        withdraw.append(
            _("You can withdraw your answers until %(date)s. After that they are analysed.")
            % {"date": date_format(survey.withdraw_by, "j F Y")}
        )
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
        Section(_("Who is responsible"), _responsible(survey)),
        Section(_("How long answers are kept"), [_kept(survey)]),
        Section(_("Your rights and how to complain"), _rights(survey)),
    ]
    if survey.privacy_extra:
        sections.append(Section(_("More about this study"), [survey.privacy_extra]))
    return sections


def _responsible(survey: Survey) -> list[str]:
    paragraphs = [
        _("This survey is run by %(organisation)s, who decide how the answers are used.")
        % {"organisation": survey.organisation}
    ]
    if survey.data_controller:
        paragraphs.append(
            _("The data controller, legally responsible for your answers, is %(controller)s.")
            % {"controller": survey.data_controller}
        )
    if survey.lawful_basis:
        paragraphs.append(
            _("The lawful basis for using your answers: %(basis)s") % {"basis": survey.lawful_basis}
        )
    if not (survey.data_controller and survey.lawful_basis):
        paragraphs.append(
            _(
                "The research team has not given every legal detail here: ask them who the "
                "data controller is and on what lawful basis they use the answers."
            )
        )
    if survey.contact_details:
        paragraphs.append(survey.contact_details)
    return paragraphs


def _kept(survey: Survey) -> str:
    if survey.retention_period:
        return survey.retention_period
    return _(
        "The research team has not said how long they keep the answers: ask them before you "
        "take part if it matters to you."
    )


def _rights(survey: Survey) -> list[str]:
    return [
        _(
            "Under data protection law (in the UK, the UK GDPR) you have rights over "
            "information about you: to see it, to correct it, to have it deleted, and to object "
            "to its use. Because we do not know who you are, we can find your answers only with "
            "your receipt or resume code."
        ),
        _("If you are unhappy with how your answers are handled, tell the research team first."),
        _("You can also complain to %(regulator)s.") % {"regulator": survey.regulator or ICO},
    ]
