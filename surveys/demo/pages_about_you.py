"""Demo instrument, pages 1–3: what the survey is, consent, the practitioner's role and work.

Questions about the respondent never force a choice: each has "Prefer not to say" (or can be
left blank), since in a small team a role, an agency and an area together can identify someone.
Time in role is asked in bands, and there is no free-text job title.
"""

from surveys.demo.drafts import (
    OTHER,
    PREFER_NOT_TO_SAY,
    PageDraft,
    QuestionDraft,
    options,
)

ABOUT = PageDraft(
    title="About this survey",
    intro="Please read this before you start. It takes about 15 minutes.",
    questions=(
        QuestionDraft(
            "about_study",
            "info",
            "Why we are asking",
            hint=(
                "We want to understand how practitioners recognise and respond to child sexual "
                "abuse and exploitation, and what helps or gets in the way. We are asking people "
                "who work with children and families in social care, education, health, policing, "
                "youth justice, early help and the voluntary sector. Your answers are anonymous: "
                "we do not ask for your name or exact workplace, and we report results only for "
                "groups of people."
            ),
        ),
        QuestionDraft(
            "looking_after_yourself",
            "info",
            "Looking after yourself",
            hint=(
                "Some questions are about abuse you may have come across in your work. You can "
                "skip optional questions, save your answers and come back later, or stop at any "
                "time. If anything here is difficult, the independent, confidential services "
                "listed at the foot of every page can help, as can your supervisor or your "
                "organisation's staff support service."
            ),
        ),
        QuestionDraft(
            "consent",
            "consent",
            "Do you agree to take part?",
            hint=(
                "I have read the information above. I understand that taking part is voluntary, "
                "that my answers are anonymous, and that I can stop at any time before I submit."
            ),
            required=True,
            config={"agree_label": "I agree to take part"},
        ),
    ),
)

ROLE = PageDraft(
    title="Your role",
    intro=(
        "These questions help us compare answers across professions. We do not ask for your name "
        "or where exactly you work, and you can choose ‘Prefer not to say’."
    ),
    questions=(
        QuestionDraft(
            "role",
            "single_choice",
            "Which of these best describes your role?",
            hint="If you have more than one role, choose the one you spend most time in.",
            required=True,
            config={"error_message": "Select your role, or ‘Prefer not to say’"},
            choices=(
                *options(
                    ("social_worker", "Social worker"),
                    ("social_work_manager", "Social work manager or team leader"),
                    ("police", "Police officer or police staff"),
                    ("teacher", "Teacher or school support staff"),
                    ("dsl", "Designated safeguarding lead"),
                    ("health", "Health professional, such as a nurse, GP or paediatrician"),
                    ("youth_worker", "Youth worker"),
                    ("early_help", "Early help or family support practitioner"),
                    ("youth_justice", "Youth justice worker"),
                    ("voluntary_sector", "Voluntary or community sector practitioner"),
                ),
                OTHER,
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "agency",
            "dropdown",
            "What type of organisation do you work for?",
            hint="Choose the closest match. We do not ask which one.",
            required=True,
            config={"error_message": "Select the type of organisation, or ‘Prefer not to say’"},
            choices=(
                *options(
                    ("la_social_care", "Local authority children's social care"),
                    ("la_early_help", "Local authority early help service"),
                    ("mash", "Multi-agency safeguarding hub (MASH)"),
                    ("police_force", "Police force"),
                    ("primary_school", "Primary school"),
                    ("secondary_school", "Secondary school"),
                    ("special_school", "Special school"),
                    ("alternative_provision", "Alternative provision or pupil referral unit"),
                    ("fe_college", "Further education college"),
                    ("nhs_community", "NHS community health service"),
                    ("nhs_hospital", "NHS hospital"),
                    ("camhs", "Child and adolescent mental health service (CAMHS)"),
                    ("gp_practice", "GP practice"),
                    ("sarc", "Sexual assault referral centre (SARC)"),
                    ("youth_justice_service", "Youth justice service"),
                    ("residential_care", "Children's home or residential care"),
                    ("fostering", "Fostering service"),
                    ("local_charity", "Local voluntary or community organisation"),
                    ("national_charity", "National charity"),
                ),
                OTHER,
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "settings",
            "multiple_choice",
            "Which settings do you work in regularly?",
            required=True,
            config={
                "min_selections": 1,
                "error_message": "Select the settings you work in, or ‘Prefer not to say’",
            },
            choices=(
                *options(
                    ("social_care", "Children's social care"),
                    ("education", "Education"),
                    ("health", "Health"),
                    ("police", "Police"),
                    ("youth_justice", "Youth justice"),
                    ("early_help", "Early help"),
                    ("residential", "Residential or foster care"),
                    ("voluntary_sector", "Voluntary or community sector"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "age_groups",
            "multiple_choice",
            "Which age groups do you mainly work with?",
            required=True,
            config={"error_message": "Select the age groups you work with, or ‘Prefer not to say’"},
            choices=(
                *options(
                    ("under_5", "Under 5"),
                    ("age_5_10", "5 to 10"),
                    ("age_11_15", "11 to 15"),
                    ("age_16_17", "16 to 17"),
                    ("age_18_25", "18 to 25 (for example, care leavers)"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
    ),
)

WORK = PageDraft(
    title="Your work",
    questions=(
        QuestionDraft(
            "years_in_role",
            "single_choice",
            "How long have you worked in your current role?",
            required=True,
            config={
                "error_message": "Select how long you have worked in your current role, or "
                "‘Prefer not to say’"
            },
            choices=(
                *options(
                    ("under_1", "Less than 1 year"),
                    ("1_to_2", "1 to 2 years"),
                    ("3_to_5", "3 to 5 years"),
                    ("6_to_10", "6 to 10 years"),
                    ("over_10", "More than 10 years"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "casework_hours",
            "decimal",
            "In a typical week, about how many hours do you spend on direct work with children "
            "or families?",
            hint="An estimate is fine, for example 12.5. Enter 0 if you do not do direct work, or "
            "leave it blank if you would rather not say.",
            config={"min": 0, "max": 80, "unit": "hours", "decimal_places": 1},
        ),
        QuestionDraft(
            "area_type",
            "single_choice",
            "What kind of area do you mostly work in?",
            required=True,
            config={"error_message": "Select the kind of area, or ‘Prefer not to say’"},
            choices=(
                *options(
                    ("urban", "Mainly urban"),
                    ("rural", "Mainly rural"),
                    ("mixed", "A mix of urban and rural"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
    ),
)

ABOUT_YOU_PAGES = (ABOUT, ROLE, WORK)
