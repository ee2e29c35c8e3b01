"""Every word a respondent reads in a template goes through Django's translation tags.

So a translation (Welsh first) needs only a catalogue, not template changes. What a researcher
writes (titles, questions, choices) comes from the survey and is not the templates' to translate;
nor is the product's name.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(
    [
        ROOT / "templates" / "base.html",
        *(ROOT / "responses" / "templates").rglob("*.html"),
        *(ROOT / "surveys" / "templates" / "surveys" / "questions").rglob("*.html"),
    ]
)
NOT_FOR_TRANSLATION = {"Candour"}
HUMAN_ATTRIBUTES = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')
_REMOVED_FIRST = [
    re.compile(r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*comment\b.*?{%\s*endcomment\s*%}", re.S),  # notes for developers
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
]
_TAGS = re.compile(r"<script\b.*?</script>|<[^>]*>", re.S)
_ENTITIES = re.compile(r"&(?:[a-z]+|#\d+);")
WORD = re.compile(r"[^\W\d_]{2,}")


def words_outside_translation(template: str) -> list[str]:
    for pattern in _REMOVED_FIRST:
        template = pattern.sub(" ", template)
    in_attributes = [
        word for value in HUMAN_ATTRIBUTES.findall(template) for word in WORD.findall(value)
    ]
    text = _ENTITIES.sub(" ", _TAGS.sub(" ", template))
    return [w for w in in_attributes + WORD.findall(text) if w not in NOT_FOR_TRANSLATION]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_respondent_facing_words_are_left_outside_the_translation_tags(path):
    assert words_outside_translation(path.read_text()) == []


def test_the_check_finds_words_in_text_and_in_attributes():
    template = (
        '{% load i18n %}<p>{% translate "Fine" %} Forgotten</p>'
        '<a aria-label="Not translated" href="{{ url }}">'
        "{% blocktranslate %}Also fine{% endblocktranslate %}</a>"
    )

    assert words_outside_translation(template) == ["Not", "translated", "Forgotten"]
