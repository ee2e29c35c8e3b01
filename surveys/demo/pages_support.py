"""Demo instrument, pages 9–13: risk assessment (a whole page only for agencies that use a
tool), training, supervision and support, and closing reflections.

"Not sure" whether the agency uses a tool is routed on its own (neither to the tool's page nor to
how decisions are made without one). Questions about barriers and wanted training are asked of
everyone, so that answers can be compared across levels of confidence.
"""

from surveys.demo.drafts import (
    AGREE_SCALE,
    DONT_KNOW_POINT,
    NOT_SURE,
    OTHER,
    PREFER_NOT_POINT,
    PREFER_NOT_TO_SAY,
    ChoiceDraft,
    PageDraft,
    QuestionDraft,
    options,
    scale,
    unipolar,
)

NO_IDENTIFYING_DETAILS = "Please do not include names or details that could identify anyone."

RISK_ASSESSMENT = PageDraft(
    title="Risk assessment in your agency",
    questions=(
        QuestionDraft(
            "uses_risk_tool",
            "single_choice",
            "Does your agency use a risk assessment tool or checklist for sexual abuse or "
            "exploitation?",
            required=True,
            config={"error_message": "Select yes, no or not sure"},
            choices=(*options(("yes", "Yes"), ("no", "No")), NOT_SURE),
        ),
        QuestionDraft(
            "risk_decided_without_tool",
            "single_choice",
            "Without a tool, how are decisions about risk usually made?",
            required=True,
            relevant="${uses_risk_tool} = 'no'",
            choices=(
                *options(
                    ("own_judgement", "By my own professional judgement"),
                    ("supervision", "In supervision"),
                    ("multi_agency", "At a multi-agency meeting"),
                    ("manager", "By a manager"),
                ),
                OTHER,
                NOT_SURE,
            ),
        ),
        QuestionDraft(
            "exploitation_meetings",
            "single_choice",
            "How often do you attend multi-agency meetings about exploitation?",
            hint="For example, a missing and exploitation panel or a strategy meeting.",
            required=True,
            choices=(
                *options(
                    ("weekly", "Every week"),
                    ("monthly", "Every month"),
                    ("less_often", "Less often"),
                    ("never", "Never"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "protocol_reviewed",
            "date",
            "If you know, when was your area’s multi-agency exploitation protocol last reviewed?",
            hint="An approximate date is fine. Leave this blank if you do not know.",
            config={"min": "2010-01-01", "max": "today"},
        ),
        QuestionDraft(
            "risk_tool_priorities",
            "ranking",
            "What matters most in a risk assessment tool?",
            hint="Think of the tool you use most, or the one you would want.",
            required=True,
            choices=options(
                ("evidence_based", "Based on research evidence"),
                ("quick", "Quick to complete"),
                ("child_voice", "Includes the child's own views"),
                ("shared", "Used by every agency in the area"),
                ("judgement", "Leaves room for professional judgement"),
            ),
        ),
    ),
)

RISK_TOOL = PageDraft(
    title="The risk assessment tool you use",
    intro="You told us your agency uses a risk assessment tool or checklist.",
    relevant="${uses_risk_tool} = 'yes'",
    questions=(
        QuestionDraft(
            "risk_tool",
            "single_choice",
            "Which tool or checklist does your agency mainly use?",
            required=True,
            choices=(
                *options(
                    ("partnership_checklist", "A checklist from our safeguarding partnership"),
                    ("cse_screening", "A sexual exploitation screening tool"),
                    ("combined_exploitation", "A combined sexual and criminal exploitation tool"),
                    ("traffic_light", "A sexual behaviours traffic light tool"),
                    ("hsb_assessment", "A harmful sexual behaviour assessment framework"),
                ),
                OTHER,
                ChoiceDraft("do_not_know", "I do not know its name", non_substantive=True),
            ),
        ),
        QuestionDraft(
            "risk_tool_purposes",
            "multiple_choice",
            "What do you use it for?",
            required=True,
            choices=(
                *options(
                    ("identify", "Identifying children at risk"),
                    ("refer", "Deciding whether to refer"),
                    ("threshold", "Showing that a threshold is met"),
                    ("plan", "Planning support or safety"),
                    ("review", "Reviewing progress over time"),
                    ("share", "Sharing information with other agencies"),
                ),
                OTHER,
                ChoiceDraft("not_sure", "Not sure", exclusive=True, non_substantive=True),
            ),
        ),
        QuestionDraft(
            "risk_tool_usefulness",
            "likert",
            "How useful is the tool in your work?",
            required=True,
            choices=(*unipolar("useful"), DONT_KNOW_POINT),
        ),
        QuestionDraft(
            "risk_tool_output",
            "single_choice",
            "Does the tool give a score or a level of risk?",
            required=True,
            choices=(
                *options(
                    ("score", "Yes, a score"),
                    ("level", "Yes, a level such as low, medium or high"),
                    ("no", "No"),
                ),
                NOT_SURE,
            ),
        ),
        QuestionDraft(
            "risk_level_agreement",
            "likert",
            "How often do you agree with the level of risk it gives?",
            relevant="${risk_tool_output} = 'score' or ${risk_tool_output} = 'level'",
            required=True,
            choices=(*scale("Never", "Rarely", "Sometimes", "Often", "Always"), DONT_KNOW_POINT),
        ),
        QuestionDraft(
            "risk_tool_limitations",
            "long_text",
            "In your experience, what are the tool's limitations?",
            hint=NO_IDENTIFYING_DETAILS,
            config={"max_length": 3000},
        ),
    ),
)

TRAINING = PageDraft(
    title="Training and confidence",
    questions=(
        QuestionDraft(
            "training_received",
            "yes_no",
            "Have you had training on child sexual abuse or exploitation in the last 2 years?",
            hint="Include e-learning, courses, conferences and multi-agency training.",
        ),
        QuestionDraft(
            "training_hours",
            "decimal",
            "About how many hours of this training have you had in the last 2 years?",
            hint="Add up all of it. An estimate is fine, for example 7.5.",
            required=True,
            relevant="${training_received} = 'yes'",
            config={"min": 0.5, "max": 300, "unit": "hours", "decimal_places": 1},
        ),
        QuestionDraft(
            "training_kinds",
            "multiple_choice",
            "What kind of training was it?",
            relevant="${training_received} = 'yes'",
            choices=(
                *options(
                    ("e_learning", "E-learning"),
                    ("single_agency", "Training within my own agency"),
                    ("multi_agency", "Multi-agency training"),
                    ("specialist", "A specialist course, such as on harmful sexual behaviour"),
                    ("conference", "A conference or seminar"),
                ),
                OTHER,
            ),
        ),
        QuestionDraft(
            "training_wanted",
            "multiple_choice",
            "Which training would help you most?",
            hint="Choose up to 3.",
            config={"max_selections": 3},
            choices=options(
                ("recognising", "Recognising abuse without a disclosure"),
                ("talking", "Talking with children about sexual abuse"),
                ("online_harm", "Online harm"),
                ("hsb", "Harmful sexual behaviour"),
                ("exploitation", "Sexual and criminal exploitation"),
                ("recording", "Recording and sharing information"),
            ),
        ),
        QuestionDraft(
            "confidence",
            "matrix",
            "How confident do you feel about each of these?",
            required=True,
            config={
                "rows": [
                    {"value": "recognising", "label": "Recognising signs of sexual abuse"},
                    {"value": "responding", "label": "Responding when a child tells you"},
                    {"value": "recording", "label": "Recording concerns accurately"},
                    {"value": "sharing", "label": "Sharing information with other agencies"},
                    {"value": "talking_to_parents", "label": "Talking to parents or carers"},
                    {"value": "supporting_family", "label": "Supporting the family afterwards"},
                    {"value": "online_risks", "label": "Understanding online risks"},
                ]
            },
            choices=(
                *unipolar("confident"),
                ChoiceDraft("9", "Not part of my role", non_substantive=True),
            ),
        ),
    ),
)

SUPPORT = PageDraft(
    title="Supervision and support",
    questions=(
        QuestionDraft(
            "supervision_frequency",
            "dropdown",
            "How often do you have supervision that covers your safeguarding work?",
            required=True,
            choices=(
                *options(
                    ("weekly", "Every week"),
                    ("fortnightly", "Every 2 weeks"),
                    ("monthly", "Every month"),
                    ("six_to_eight_weeks", "Every 6 to 8 weeks"),
                    ("quarterly", "Every 3 months"),
                    ("less_often", "Less often"),
                    ("when_asked", "Only when I ask for it"),
                    ("never", "Never"),
                ),
                PREFER_NOT_TO_SAY,
            ),
        ),
        QuestionDraft(
            "supervision_helpful",
            "likert",
            "How helpful is supervision for thinking through concerns about sexual abuse?",
            relevant="${supervision_frequency} != 'never' "
            "and ${supervision_frequency} != 'prefer_not_to_say'",
            choices=unipolar("helpful"),
        ),
        QuestionDraft(
            "feel_supported",
            "likert",
            "I feel supported by my organisation when I raise concerns about sexual abuse.",
            required=True,
            choices=(*AGREE_SCALE, PREFER_NOT_POINT),
        ),
        QuestionDraft(
            "emotional_support",
            "single_choice",
            "Does your organisation offer support with the emotional impact of this work?",
            hint="For example, reflective practice groups or counselling.",
            required=True,
            choices=(*options(("yes", "Yes"), ("no", "No")), NOT_SURE),
        ),
    ),
)

REFLECTIONS = PageDraft(
    title="Your reflections",
    intro="These questions are optional. Anything you tell us helps.",
    questions=(
        QuestionDraft(
            "reflections",
            "long_text",
            "Is there anything else you would like to tell us about recognising and responding "
            "to child sexual abuse in your work?",
            hint=NO_IDENTIFYING_DETAILS,
            config={"max_length": 5000},
        ),
        QuestionDraft(
            "what_would_help",
            "long_text",
            "What one change would most help practitioners like you?",
            hint=NO_IDENTIFYING_DETAILS,
            config={"max_length": 2000},
        ),
        QuestionDraft(
            "thank_you",
            "info",
            "Thank you",
            hint=(
                "Thank you for taking part. Check your answers, then submit them. If you would "
                "like to talk to us in an interview, you can leave contact details on a separate "
                "form after you submit: they are kept apart from your answers and cannot be "
                "linked to them."
            ),
        ),
    ),
)

SUPPORT_PAGES = (RISK_ASSESSMENT, RISK_TOOL, TRAINING, SUPPORT, REFLECTIONS)
