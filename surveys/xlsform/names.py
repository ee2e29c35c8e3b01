"""XLSForm names as Candour codes, and the references to them in conditions.

XLSForm allows names such as `Q1a` or `age-group`; a Candour code is lowercase letters, digits
and underscores (it becomes a variable name in SPSS and Stata). A name that is not a code is
turned into one, every `${name}` in a condition follows it, and the report says so. Choice
names work the same way within their list.
"""

from __future__ import annotations

import re

from surveys.question_types.base import CHOICE_VALUE

CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_CODE_LENGTH = 64
_NOT_CODE_CHARACTER = re.compile(r"[^a-z0-9_]+")
_NOT_VALUE_CHARACTER = re.compile(r"[^A-Za-z0-9_]+")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def code_from_name(name: str, taken: set[str]) -> str:
    """`name` if it is a code, else the nearest code not in `taken` (which it joins)."""
    if CODE.match(name) and name not in taken:
        taken.add(name)
        return name
    code = _NOT_CODE_CHARACTER.sub("_", name.lower()).strip("_")
    if not code or not code[0].isalpha():
        code = f"q_{code}".rstrip("_")
    code = _unique(code[:MAX_CODE_LENGTH], taken)
    taken.add(code)
    return code


def value_from_name(name: str, taken: set[str]) -> str:
    """A choice name as a Candour option value (letters, digits, underscores; 1–64)."""
    if CHOICE_VALUE.match(name) and name not in taken:
        taken.add(name)
        return name
    value = _NOT_VALUE_CHARACTER.sub("_", name).strip("_") or "option"
    value = _unique(value[:MAX_CODE_LENGTH], taken)
    taken.add(value)
    return value


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"_{number}"
        candidate = base[: MAX_CODE_LENGTH - len(suffix)] + suffix
    return candidate


def references_rename(source: str, codes: dict[str, str]) -> str:
    """The condition with every `${name}` written as `${code}`; unchanged when no name moved."""
    if not any(name != code for name, code in codes.items()):
        return source
    return _REFERENCE.sub(
        lambda match: "${" + codes.get(match.group(1), match.group(1)) + "}", source
    )


def referenced_names(source: str) -> set[str]:
    return {match.group(1) for match in _REFERENCE.finditer(source)}
