"""Demo instrument, pages 4–8: concerns in the work, the caseload, the language practitioners
use, and recognising abuse when a child has not told anyone.

Frequency scales are symmetric (always, often, sometimes, rarely, never) with "Not sure" apart;
yes/no questions about practice offer "Not sure", routed on its own; agree/disagree statements
are keyed in both directions; "0" is asked apart from "I don't hold cases"; one context per
question, and periods in bands rather than exact dates.
"""

from surveys.demo.drafts import (
    AGREE_SCALE,
    DONT_KNOW_POINT,
    NONE_OF_THESE,
    NOT_SURE,
    OTHER,
    PREFER_NOT_TO_SAY,
    ChoiceDraft,
    PageDraft,
    QuestionDraft,
    options,
    unipolar,
)

HOW_OFTEN = (
    *options(
        ("always", "Always"),
        ("often", "Often"),
        ("sometimes", "Sometimes"),
        ("rarely", "Rarely"),
        ("never", "Never"),
    ),
    NOT_SURE,
)
CANNOT_REMEMBER = ChoiceDraft("cannot_remember", "I cannot remember", non_substantive=True)
YES_NO_NOT_SURE = (*options(("yes", "Yes"), ("no", "No")), NOT_SURE)

CONCERNS = PageDraft(
    title="Concerns in your work",
    intro=(
        "By child sexual abuse we mean forcing or enticing a child to take part in sexual "
        "activities, online or offline, whether or not the child knows what is happening. "
        "Child sexual exploitation is a form of child sexual abuse."
    ),
    questions=(
        QuestionDraft(
            "csa_frequency",
            "single_choice",
            "How often do concerns about child sexual abuse come up in your work?",
            required=True,
            config={"error_message": "Select how often these concerns come up in your work"},
            choices=(
                *options(
                    ("weekly", "At least once a week"),
                    ("monthly", "At least once a month"),
                    ("few_times_year", "A few times a year"),
                    ("yearly_or_less", "Once a year or less"),
                    ("never", "Never"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "forms_seen",
            "multiple_choice",
            "In the last 12 months, which forms of sexual abuse have you come across in your work?",
            hint="Include concerns that were not confirmed.",
            required=True,
            choices=(
                *options(
                    ("intrafamilial", "Sexual abuse within the family (intra-familial)"),
                    ("extrafamilial", "Sexual abuse by adults outside the family"),
                    ("child_on_child", "Child-on-child (peer-on-peer) sexual abuse"),
                    ("online", "Online-facilitated sexual abuse"),
                    ("cse", "Child sexual exploitation"),
                    ("trafficking", "Trafficking for sexual exploitation"),
                    ("hsb", "Harmful sexual behaviour by a child"),
                    ("institutional", "Abuse within an organisation or institution"),
                ),
                OTHER,
                NONE_OF_THESE,
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "online_platforms",
            "single_choice",
            "When abuse is online-facilitated, how often are social media, gaming or messaging "
            "platforms involved?",
            required=True,
            relevant="selected(${forms_seen}, 'online')",
            choices=HOW_OFTEN,
        ),
        QuestionDraft(
            "criminal_exploitation_overlap",
            "single_choice",
            "When a child is sexually exploited, how often are they also criminally exploited, "
            "for example made to carry drugs or money?",
            required=True,
            relevant="selected(${forms_seen}, 'cse') or selected(${forms_seen}, 'trafficking')",
            choices=HOW_OFTEN,
        ),
        QuestionDraft(
            "hsb_ages",
            "multiple_choice",
            "How old were the children whose harmful sexual behaviour you came across?",
            relevant="selected(${forms_seen}, 'hsb')",
            choices=(
                *options(
                    ("under_10", "Under 10"),
                    ("age_10_13", "10 to 13"),
                    ("age_14_17", "14 to 17"),
                ),
                ChoiceDraft("not_sure", "Not sure", exclusive=True, non_substantive=True),
            ),
        ),
    ),
)

CASES = PageDraft(
    title="Your cases",
    questions=(
        QuestionDraft(
            "holds_cases",
            "single_choice",
            "Do you hold a caseload of children or families?",
            required=True,
            config={"error_message": "Select whether you hold a caseload"},
            choices=(*options(("yes", "Yes"), ("no", "No")), PREFER_NOT_TO_SAY),
        ),
        QuestionDraft(
            "open_cases",
            "integer",
            "How many of your open cases currently involve concerns about sexual abuse or "
            "exploitation?",
            hint="Enter 0 if none of them do.",
            relevant="${holds_cases} = 'yes'",
            config={
                "min": 0,
                "max": 200,
                "unit": "cases",
                "error_message": "Enter how many of your open cases involve these concerns",
            },
            required=True,
        ),
        QuestionDraft(
            "caseload_manageable",
            "likert",
            "How manageable are these cases alongside the rest of your work?",
            required=True,
            relevant="${open_cases} >= 5",
            choices=(*unipolar("manageable"), DONT_KNOW_POINT),
        ),
        QuestionDraft(
            "last_supervision_discussion",
            "single_choice",
            "When did you last discuss a concern about sexual abuse in supervision?",
            choices=(
                *options(
                    ("last_month", "In the last month"),
                    ("one_to_six_months", "1 to 6 months ago"),
                    ("six_to_twelve_months", "6 to 12 months ago"),
                    ("over_a_year", "More than a year ago"),
                    ("never", "Never"),
                ),
                CANNOT_REMEMBER,
            ),
        ),
    ),
)

LANGUAGE = PageDraft(
    title="The language we use",
    intro=(
        "Agencies describe the same harm in different ways. We would like to know which words "
        "you use, and how you think they affect what happens for children."
    ),
    questions=(
        QuestionDraft(
            "terms_used",
            "multiple_choice",
            "Which of these terms do you use in your day-to-day work?",
            required=True,
            config={"error_message": "Select the terms you use, or ‘None of these’"},
            choices=(
                *options(
                    ("csa", "Child sexual abuse"),
                    ("cse", "Child sexual exploitation (CSE)"),
                    ("cce", "Child criminal exploitation (CCE)"),
                    ("county_lines", "County lines"),
                    ("hsb", "Harmful sexual behaviour"),
                    ("peer_on_peer", "Peer-on-peer abuse"),
                    ("child_on_child", "Child-on-child abuse"),
                    ("extrafamilial_harm", "Extra-familial harm"),
                    ("contextual", "Contextual safeguarding"),
                ),
                OTHER,
                NONE_OF_THESE,
                ChoiceDraft("not_sure", "Not sure", exclusive=True, non_substantive=True),
            ),
        ),
        QuestionDraft(
            "language_statements",
            "matrix",
            "How much do you agree or disagree with each statement?",
            required=True,
            hint="Some statements are worded positively and some negatively: read each one.",
            config={
                "rows": [
                    {
                        "value": "cse_complicit",
                        "label": "The term ‘CSE’ can suggest that a child is complicit in their "
                        "own abuse",
                    },
                    {
                        "value": "terms_shared",
                        "label": "Agencies in my area use the same terms for the same harm",
                    },
                    {
                        "value": "words_affect_thresholds",
                        "label": "The words used in a referral affect whether it meets the "
                        "threshold for a service",
                    },
                    {
                        "value": "records_respectful",
                        "label": "Records in my area describe children’s experiences without "
                        "blaming them",
                    },
                    {
                        "value": "county_lines_hides",
                        "label": "‘County lines’ can hide sexual abuse that happens alongside "
                        "criminal exploitation",
                    },
                    {
                        "value": "glossary_needed",
                        "label": "A glossary shared by all agencies in my area would help",
                    },
                ],
                "error_message": "Select an answer for each statement, or ‘Don’t know’",
            },
            choices=(*AGREE_SCALE, DONT_KNOW_POINT),
        ),
        QuestionDraft(
            "language_helps",
            "likert",
            "Overall, the language used in my area helps children to be protected.",
            required=True,
            choices=(*AGREE_SCALE, DONT_KNOW_POINT),
        ),
        QuestionDraft(
            "language_gets_in_way",
            "long_text",
            "What is it about the language used that gets in the way?",
            hint="Please do not include names or details that could identify anyone.",
            relevant="${language_helps} <= 2",
            config={"max_length": 2000},
        ),
        QuestionDraft(
            "preferred_term",
            "short_text",
            "If you would describe this harm differently, which words would you use?",
            hint="A word or short phrase.",
            config={"max_length": 100},
        ),
        QuestionDraft(
            "challenged_language",
            "single_choice",
            "In the last 12 months, have you challenged language that blamed a child for abuse "
            "they experienced?",
            hint="For example, in a meeting, a record or a referral.",
            required=True,
            config={"error_message": "Select yes, no or not sure"},
            choices=YES_NO_NOT_SURE,
        ),
    ),
)

RECOGNISING = PageDraft(
    title="Recognising abuse without a disclosure",
    intro=(
        "Most children who are sexually abused do not tell anyone at the time. These questions "
        "are about noticing and acting on signs when a child has not said anything."
    ),
    questions=(
        QuestionDraft(
            "indicators",
            "multiple_choice",
            "Which signs do you rely on most when a child has not told anyone?",
            hint="Choose up to 5.",
            required=True,
            config={"min_selections": 1, "max_selections": 5},
            choices=(
                *options(
                    ("behaviour_change", "Changes in behaviour or mood"),
                    ("sexualised_behaviour", "Sexual behaviour or language unusual for their age"),
                    ("physical_signs", "Physical signs or symptoms"),
                    ("missing", "Going missing or coming home late"),
                    ("gifts", "Unexplained gifts, money or phones"),
                    ("older_associates", "Relationships with older people"),
                    ("school_changes", "Changes in school attendance or progress"),
                    ("online_activity", "Worrying online activity"),
                    ("repeated_health", "Repeated health problems, such as infections"),
                    ("sibling_concerns", "Concerns about a brother, sister or other child"),
                ),
                OTHER,
                ChoiceDraft("not_sure", "Not sure", exclusive=True, non_substantive=True),
            ),
        ),
        QuestionDraft(
            "recognition_confidence",
            "scale_0_10",
            "How confident are you in recognising sexual abuse when a child has not told anyone?",
            required=True,
            config={"min_label": "Not at all confident", "max_label": "Completely confident"},
        ),
        QuestionDraft(
            "recognition_barriers",
            "multiple_choice",
            "What makes it harder for you to recognise abuse?",
            choices=(
                *options(
                    ("training", "Not enough training"),
                    ("time", "Not enough time with the child"),
                    ("signs_overlap", "Signs overlap with other difficulties"),
                    ("fear_wrong", "Worry about getting it wrong"),
                    ("no_one_to_ask", "No one to talk it through with"),
                ),
                OTHER,
                ChoiceDraft("nothing", "Nothing makes it harder", exclusive=True),
            ),
        ),
        QuestionDraft(
            "acted_without_disclosure",
            "single_choice",
            "In the last 12 months, have you acted on concerns about sexual abuse when the child "
            "had not told anyone?",
            hint="For example, a referral, a strategy discussion or a conversation with your "
            "safeguarding lead.",
            required=True,
            config={"error_message": "Select yes, no or not sure"},
            choices=YES_NO_NOT_SURE,
        ),
        QuestionDraft(
            "what_helped_act",
            "long_text",
            "What helped you to act?",
            hint="Please do not include names or details that could identify a child or family.",
            relevant="${acted_without_disclosure} = 'yes'",
            config={"max_length": 2000},
        ),
    ),
)

PRACTICE_PAGES = (CONCERNS, CASES, LANGUAGE, RECOGNISING)
