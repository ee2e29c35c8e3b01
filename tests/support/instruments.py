"""A draft with every question type and the Candour settings XLSForm has no column for
(exclusive and "other" options, yes/no, units, labels of a 0–10 scale, a matrix), for the
round-trip tests of the XLSForm and JSON formats. Build it with
`tests.support.surveys.draft_survey(pages=EVERY_TYPE_PAGES)`.
"""

AGREE = [str(point) for point in range(1, 6)]
EVERY_TYPE_PAGES = [
    {
        "title": "About you",
        "intro": "A few questions.",
        "questions": [
            {"code": "welcome", "type": "info", "label": "Welcome", "hint": "Read this first."},
            {
                "code": "consent",
                "type": "consent",
                "required": True,
                "config": {"agree_label": "I agree to take part"},
            },
            {
                "code": "role",
                "type": "single_choice",
                "required": True,
                "choices": [
                    "police",
                    "nurse",
                    ("other", "Other (please specify)", {"other": True}),
                ],
            },
            {
                "code": "agency",
                "type": "dropdown",
                "choices": ["council", ("elsewhere", "Somewhere else", {"other": True})],
            },
            {
                "code": "settings",
                "type": "multiple_choice",
                "config": {"min_selections": 1, "max_selections": 2},
                "choices": ["police", "health", ("none", "None of these", {"exclusive": True})],
            },
            {"code": "trained", "type": "yes_no", "required": True},
            {
                "code": "answered",
                "type": "single_choice",
                "choices": [("yes", "Yes"), ("no", "No")],
            },
            {"code": "helps", "type": "likert", "choices": AGREE},
        ],
    },
    {
        "title": "Your practice",
        "relevant": "${trained} = 'yes'",
        "questions": [
            {"code": "years", "type": "integer", "config": {"min": 0, "max": 60, "unit": "years"}},
            {
                "code": "hours",
                "type": "decimal",
                "config": {"min": 0.5, "max": 300, "decimal_places": 1, "unit": "hours"},
            },
            {"code": "job", "type": "short_text", "config": {"max_length": 100}},
            {"code": "story", "type": "long_text", "relevant": "${years} > 5"},
            {"code": "last_case", "type": "date", "config": {"min": "2015-01-01", "max": "today"}},
            {
                "code": "confidence",
                "type": "scale_0_10",
                "config": {"min_label": "Not at all", "max_label": "Completely"},
            },
            {"code": "priorities", "type": "ranking", "choices": ["speed", "accuracy", "voice"]},
            {
                "code": "views",
                "type": "matrix",
                "required": True,
                "config": {
                    "rows": [
                        {"value": "clear", "label": "Guidance is clear"},
                        {"value": "fair", "label": "Decisions are fair"},
                    ]
                },
                "choices": AGREE,
            },
        ],
    },
]
