"""Long text: a paragraph or more, with a character count. Config: `max_length` (default 3000)."""

from __future__ import annotations

import random

from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.short_text import TextQuestion

SAMPLE_REFLECTIONS = [
    "Disclosure is rare; we mostly notice changes in behaviour and who the child spends time with.",
    "The language of 'exploitation' sometimes makes colleagues see a choice where there is none.",
    "Risk tools help structure conversations but can turn into a tick-box exercise.",
    "More joint training with police and health would help us share concerns earlier.",
    "Supervision is where I get to think; when it is cancelled the cases stay with me.",
]


@register
class LongText(TextQuestion):
    key = "long_text"
    name = gettext_lazy("Long text")
    template_name = "textarea"
    default_max_length = 3000
    largest_max_length = 10000

    def sample_answers(self, question, rng: random.Random):
        return {question.code: self.fit(question, rng.choice(SAMPLE_REFLECTIONS))}
