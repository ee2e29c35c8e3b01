"""The codebook: every variable of the dataset, what it means and how it is coded.

One row per variable, the same in codebook.csv and codebook.html: its names in the CSV, SPSS
and Stata files, its label (the question text), the question's code and type, its page, when it
is asked (in words and as the expression the researcher wrote), its values and labels, the
whole-number codes SPSS and Stata use for text codes, its missing codes, and the versions of the
questionnaire it appears in. Question texts are researcher input: the HTML escapes everything.
"""

from __future__ import annotations

import csv
from pathlib import Path

from exports.layout import QUESTION, Layout, Variable
from exports.package.documents import document_render
from exports.values import MISSING_KINDS, NOT_ANSWERED

COLUMNS = (
    ("variable", "Variable"),
    ("label", "Label"),
    ("spss_name", "SPSS name"),
    ("stata_name", "Stata name"),
    ("question", "Question code"),
    ("type", "Question type"),
    ("page", "Page"),
    ("shown_if", "Asked when"),
    ("shown_if_expression", "Condition as written"),
    ("kind", "Kind"),
    ("measure", "Measure"),
    ("values", "Values and labels"),
    ("spss_stata_codes", "SPSS and Stata codes"),
    ("missing", "Missing values"),
    ("versions", "Versions"),
    ("notes", "Notes"),
)


def codebook_rows(layout: Layout) -> list[dict[str, str]]:
    return [_row(variable) for variable in layout.variables]


def _row(variable: Variable) -> dict[str, str]:
    codes = variable.numeric_codes | variable.non_substantive_codes
    return {
        "variable": variable.name,
        "label": variable.label,
        "spss_name": variable.spss_name,
        "stata_name": variable.stata_name,
        "question": variable.question_code,
        "type": _type_name(variable),
        "page": variable.page,
        "shown_if": variable.shown_if,
        "shown_if_expression": variable.shown_if_expression,
        "kind": variable.kind,
        "measure": variable.measure,
        "values": "; ".join(f"{code} = {label}" for code, label in variable.value_labels.items()),
        "spss_stata_codes": "; ".join(f"{number} = {code}" for code, number in codes.items()),
        "missing": _missing(variable),
        "versions": ", ".join(map(str, variable.versions)),
        "notes": " ".join(
            [variable.description] * bool(variable.source != QUESTION)
            + list(variable.notes)
            + ["Free text, personal data redacted."] * variable.free_text
        ),
    }


def _type_name(variable: Variable) -> str:
    if not variable.question_type:
        return "system" if variable.source != "flag" else "flag"
    from surveys.question_types import get_question_type

    return str(get_question_type(variable.question_type).name)


def _missing(variable: Variable) -> str:
    if variable.source != QUESTION:
        return "blank when there is nothing to say"
    if variable.non_substantive_codes:
        apart = variable.non_substantive_codes
        stata = ", ".join(f".{letter}" for letter in variable.stata_non_substantive.values())
        return (
            "; ".join(f"{kind.code} = {kind.label}" for kind in MISSING_KINDS)
            + "; "
            + "; ".join(f"{code} = {variable.value_labels[value]}" for value, code in apart.items())
            + f" (SPSS: -99 to -1 declared missing; Stata: .a, .b, .c and {stata}). "
            + "Non-substantive answers keep their own code in CSV, Excel and JSON Lines."
        )
    if variable.takes_missing_codes:
        return "; ".join(f"{kind.code} = {kind.label}" for kind in MISSING_KINDS) + (
            " (SPSS: declared missing; Stata: .a, .b, .c)"
        )
    if variable.coded_kind == "numeric":
        return (
            f"blank in SPSS (the codes could be real answers); Stata .a = "
            f"{NOT_ANSWERED.label}, .b = not asked, .c = suppressed"
        )
    return "blank, whatever the reason"


def codebook_write_csv(rows: list[dict[str, str]], path: Path, *, bom: bool) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([title for _, title in COLUMNS])
        for row in rows:
            writer.writerow([row[key] for key, _ in COLUMNS])


def codebook_write_html(rows: list[dict[str, str]], path: Path, *, title: str) -> None:
    html = document_render(
        "datasets/codebook.html",
        {
            "title": title,
            "columns": COLUMNS,
            "rows": [[row[key] for key, _ in COLUMNS] for row in rows],
            "missing_kinds": MISSING_KINDS,
        },
    )
    path.write_text(html, encoding="utf-8")
