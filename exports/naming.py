"""Variable names that SPSS and Stata accept, made from question codes.

Question codes are already letters, digits and underscores, but a column name adds an option or
statement code to the question's (`seen_criminal`), so it can be too long, start with a digit,
be a reserved word or, once shortened, equal another. Every name list goes through `unique_names`
in layout order, so the same survey always gets the same names; the codebook lists all three
(the CSV name, the SPSS name and the Stata name) side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SPSS_LIMIT = 64  # bytes; names are ASCII here, so characters
# Stata allows 32 characters, and so for value-label names; pyreadstat names each variable's
# label set after it with a number appended, so names stay short enough to leave room for it.
STATA_LIMIT = 27
SPSS_RESERVED = frozenset(
    {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
)
STATA_RESERVED = frozenset(
    {
        "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
        "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using", "with",
    }
)  # fmt: skip
STATA_STRING_TYPE = re.compile(r"^str\d+$")
NOT_A_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9_]")
RESERVED_PREFIX = "q_"


@dataclass(frozen=True)
class NamingRules:
    limit: int | None
    reserved: frozenset[str]
    reserved_pattern: re.Pattern | None = None


PLAIN = NamingRules(limit=None, reserved=frozenset())
SPSS = NamingRules(limit=SPSS_LIMIT, reserved=SPSS_RESERVED)
STATA = NamingRules(limit=STATA_LIMIT, reserved=STATA_RESERVED, reserved_pattern=STATA_STRING_TYPE)


def unique_names(names: Iterable[str], rules: NamingRules) -> list[str]:
    """A safe name for each of `names`, in order; the first of two that clash keeps the name.

    Names are compared without regard to case (SPSS ignores it, and two columns differing only
    in case would confuse anyone). A clash is settled by shortening and adding `_2`, `_3`, ….
    """
    taken: set[str] = set()
    result = []
    for name in names:
        candidate = safe_name(name, rules)
        number = 1
        while candidate.lower() in taken:
            number += 1
            suffix = f"_{number}"
            base = safe_name(name, rules)
            candidate = (
                base if rules.limit is None else base[: rules.limit - len(suffix)]
            ) + suffix
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def safe_name(name: str, rules: NamingRules) -> str:
    """`name` with only letters, digits and underscores, starting with a letter, not reserved,
    and no longer than the limit."""
    text = NOT_A_NAME_CHARACTER.sub("_", name) or "v"
    if not text[0].isalpha():
        text = "v" + text
    lowered = text.lower()
    if lowered in rules.reserved or (
        rules.reserved_pattern and rules.reserved_pattern.match(lowered)
    ):
        text = RESERVED_PREFIX + text
    return text if rules.limit is None else text[: rules.limit]
