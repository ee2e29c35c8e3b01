"""The workspace's navigation, in one place.

SURVEY_SECTIONS is the per-survey sub-navigation: each section names its page (a URL name taking
the survey's slug) and the roles that may see it. To add a section ("Exports", "Dashboard",
"Distribute", "Audit log"), add a Section here; the page's template extends
"workspace/survey_base.html" and the section appears for those roles, highlighted on its pages.
The roles listed only decide what is shown: each view still checks access itself through
surveys.selectors (the role matrix test holds them to the same table).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from surveys.selectors import CAN_ANALYSE, CAN_BUILD, CAN_VIEW, OWNER_ONLY


@dataclass(frozen=True)
class Section:
    label: str | Promise
    url_name: str
    roles: tuple[str, ...]
    # Other URL names whose pages belong to this section (highlighted as current there).
    also: tuple[str, ...] = ()


SURVEY_SECTIONS: list[Section] = [
    Section(_("Summary"), "workspace:survey_overview", CAN_VIEW),
    Section(
        _("Dashboard"),
        "workspace:dashboard",
        CAN_VIEW,
        also=("workspace:dashboard_answers", "workspace:dashboard_threshold"),
    ),
    Section(
        _("Questions"),
        "workspace:survey_build",
        CAN_BUILD,
        also=(
            "workspace:page_create",
            "workspace:page_edit",
            "workspace:page_delete",
            "workspace:question_create",
            "workspace:question_edit",
            "workspace:question_delete",
            "workspace:choice_create",
            "workspace:choice_edit",
            "workspace:choice_delete",
            "workspace:survey_imported",
        ),
    ),
    Section(
        _("Settings"), "workspace:survey_settings", CAN_BUILD, also=("workspace:survey_delete",)
    ),
    Section(_("Preview"), "workspace:preview", CAN_BUILD, also=("workspace:preview_page",)),
    Section(_("Publish"), "workspace:publish", CAN_BUILD),
    Section(_("Distribute"), "workspace:distribute", CAN_BUILD),
    Section(
        _("Exports"),
        "exports:home",
        CAN_ANALYSE,
        also=(
            "exports:job",
            "exports:schedule_new",
            "exports:schedule_edit",
            "exports:schedule_delete",
            "exports:release_profile",
        ),
    ),
    Section(_("Team"), "workspace:team", OWNER_ONLY, also=("workspace:team_member",)),
    Section(_("Audit log"), "workspace:audit_log", OWNER_ONLY),
]


@dataclass(frozen=True)
class NavigationItem:
    label: str | Promise
    url: str
    current: bool


def survey_navigation(
    *, slug: str, role: str | None, current_url_name: str
) -> list[NavigationItem]:
    """The sections `role` may see, with the one the current page belongs to marked."""
    return [
        NavigationItem(
            label=section.label,
            url=reverse(section.url_name, args=[slug]),
            current=current_url_name in (section.url_name, *section.also),
        )
        for section in SURVEY_SECTIONS
        if role in section.roles
    ]


def survey_landing_url(*, slug: str, role: str) -> str:
    """Where a survey's name in "Your surveys" leads: the first section the role may see."""
    for section in SURVEY_SECTIONS:
        if role in section.roles:
            return reverse(section.url_name, args=[slug])
    raise LookupError(f"No section for role {role!r}")
