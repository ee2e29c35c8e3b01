"""Personal data in free text, replaced by a placeholder saying what was there.

Respondents write about cases; some will name a child, a colleague, a school or a town, or leave
an e-mail address or phone number. Every free-text variable (the types mark them
`free_text`: short and long text, "other, please specify") is searched for:

- URLs (`[URL]`), e-mail addresses (`[EMAIL]`), National Insurance numbers (`[NI_NUMBER]`),
  UK postcodes (`[POSTCODE]`), by pattern, in one pass;
- phone numbers (`[PHONE]`), UK and international, found by the `phonenumbers` library with
  loose matching (a real number in an unallocated range is still personal); only a text with
  nine digits close together is handed to it, as nearly all texts have not;
- the release profile's names of people and places (`[NAME]`), as whole words in any case.

Redaction errs towards removing too much: a long reference number can become `[PHONE]`.
"""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

from exports.cleaning.base import CleaningStep, cells_at

PATTERNS = {
    "URL": r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"']+",
    "EMAIL": r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+",
    "NI_NUMBER": r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b",
    "POSTCODE": r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2})\b",
}
PATTERN = re.compile(
    "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in PATTERNS.items()), re.IGNORECASE
)
# Every pattern above needs a digit, an @, "://" or "www.": most texts have none and skip them
# (three plain scans: faster than one regular expression with alternatives).
DIGIT_OR_AT = re.compile(r"[0-9@]")
MIN_PHONE_DIGITS = 9
PHONE_LIKE = re.compile(r"(?:\d[\s().\-/]{0,3})" + f"{{{MIN_PHONE_DIGITS}}}")
PHONE_REGION = "GB"
PLACEHOLDERS = ("URL", "EMAIL", "NI_NUMBER", "POSTCODE", "PHONE", "NAME")


class Redaction(CleaningStep):
    key = "redaction"
    title = "Personal data in free text"
    transforms_cells = True

    def __init__(self, context):
        super().__init__(context)
        self.redactor = TextRedactor(context.rules.redaction_terms)
        self.positions: tuple[int, ...] = ()
        self.texts_at = cells_at(())

    @property
    def enabled(self) -> bool:
        return self.options.redact_free_text

    def parameters(self):
        return {
            "looked_for": ["URL", "e-mail", "National Insurance number", "UK postcode", "phone"],
            "phone_region": PHONE_REGION,
            "names_and_places": len(self.context.rules.redaction_terms),
        }

    def prepare(self, context):
        self.positions = tuple(
            position for position, v in enumerate(context.layout.variables) if v.free_text
        )
        self.texts_at = cells_at(self.positions)
        self.counts["variables"] = len(self.positions)
        self.counts["cells_changed"] = 0
        self.counts["by_kind"] = dict.fromkeys(PLACEHOLDERS, 0)

    def transform(self, cells):
        # Most rows hold nothing to redact: one look at all their texts together says so.
        texts = [value for value in self.texts_at(cells) if value.__class__ is str]
        if not texts or not self.redactor.may_change("\n".join(texts)):
            return
        for position in self.positions:
            value = cells[position]
            if value.__class__ is not str:
                continue
            redacted, found = self.redactor.redact(value)
            if found:
                cells[position] = redacted
                self.counts["cells_changed"] += 1
                for kind, count in found.items():
                    self.counts["by_kind"][kind] += count


def _may_hold_pattern(text: str) -> bool:
    return bool(DIGIT_OR_AT.search(text) or "://" in text or "www." in text.lower())


class TextRedactor:
    """Replaces personal data in one text; `redact` says what it found, by kind."""

    def __init__(self, terms: tuple[str, ...] = ()):
        words = sorted({term.strip() for term in terms if term.strip()}, key=len, reverse=True)
        self.names = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)
            if words
            else None
        )

    def may_change(self, text: str) -> bool:
        """False when `redact` would certainly leave `text` as it is. Texts joined by line
        breaks may be asked at once: what any of them holds, the whole holds too."""
        return bool(_may_hold_pattern(text) or (self.names is not None and self.names.search(text)))

    def redact(self, text: str) -> tuple[str, dict[str, int]]:
        may_match = _may_hold_pattern(text)
        if not may_match and self.names is None:
            return text, {}
        found: dict[str, int] = {}

        def placeholder(match: re.Match) -> str:
            kind = match.lastgroup or "NAME"
            found[kind] = found.get(kind, 0) + 1
            return f"[{kind}]"

        if may_match:
            text = PATTERN.sub(placeholder, text)
            if PHONE_LIKE.search(text):
                text = self._phones(text, found)
        if self.names is not None:
            text = self.names.sub(placeholder, text)
        return text, found

    def _phones(self, text: str, found: dict[str, int]) -> str:
        pieces, end = [], 0
        for match in PhoneNumberMatcher(text, PHONE_REGION, leniency=Leniency.POSSIBLE):
            raw, start = match.raw_string, match.start
            if sum(c.isdigit() for c in raw) < MIN_PHONE_DIGITS:
                continue
            if raw.startswith("(") and ")" not in raw:  # "(07700 900123, …": keep the bracket
                start += 1
            pieces += [text[end:start], "[PHONE]"]
            end = match.end
            found["PHONE"] = found.get("PHONE", 0) + 1
        return "".join(pieces) + text[end:] if pieces else text
