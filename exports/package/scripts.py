"""load.R and load.sps: read the package's CSV into R or SPSS with labels, levels and codes.

load.R uses base R only: `read.csv` (UTF-8 with or without a byte-order mark), `factor()` with the
option codes (or labels) as levels and the labels as labels, `as.Date` for dates, and each
variable's label in `attr(x, "label")` (what haven and labelled read). It also takes off the
apostrophe the formula step put before text starting with = + - @.

load.sps reads the CSV with GET DATA, turns text codes into the same whole numbers as the .sav,
and sets variable labels, value labels, missing values and measurement levels. SPSS (and PSPP)
cannot read a line break inside a quoted CSV value; the script says so at the top, and points to
the .sav, which has everything.
"""

from __future__ import annotations

from exports.layout import Layout, Variable
from exports.options import ExportOptions
from exports.values import MISSING_KINDS
from exports.writers.spss import spss_format

SPSS_MAX_WIDTH = 32_767


def r_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def r_vector(values) -> str:
    return (
        "c(" + ", ".join(r_string(str(v)) if isinstance(v, str) else repr(v) for v in values) + ")"
    )


def load_r(*, layout: Layout, options: ExportOptions, csv_name: str) -> str:
    labels_mode = options.values == "labels"
    missing = ['""']
    if options.missing_codes:
        missing += [r_string(str(kind.code)) for kind in MISSING_KINDS]
        if labels_mode:
            missing += [r_string(kind.label) for kind in MISSING_KINDS]
    lines = [
        "# Reads the dataset into R with labelled factors and variable labels (base R only).",
        '# Run it from the folder the package was unzipped into: source("load.R")',
        f'data <- read.csv({r_string(csv_name)}, fileEncoding = "UTF-8-BOM",',
        "                 stringsAsFactors = FALSE, check.names = FALSE,",
        f"                 na.strings = c({', '.join(missing)}))",
        "",
        "# Text a spreadsheet would run as a formula was given a leading apostrophe: take it off.",
        "for (name in names(data)) {",
        "  if (is.character(data[[name]])) {",
        '    data[[name]] <- sub("^\'([-=+@\\t\\r\\n])", "\\\\1", data[[name]])',
        "  }",
        "}",
        "",
    ]
    for variable in layout.variables:
        column = f"data[[{r_string(variable.name)}]]"
        if variable.categorical:
            codes = list(variable.value_labels)
            levels = list(variable.value_labels.values()) if labels_mode else codes
            lines.append(
                f"{column} <- factor({column}, levels = {r_vector(levels)}, "
                f"labels = {r_vector(list(variable.value_labels.values()))})"
            )
        elif variable.kind == "date":
            lines.append(f"{column} <- as.Date({column})")
        lines.append(f'attr({column}, "label") <- {r_string(variable.label)}')
    return "\n".join(lines) + "\n"


def spss_string(text: str) -> str:
    return "'" + text.replace("'", "''").replace("\r", " ").replace("\n", " ") + "'"


def load_sps(
    *, layout: Layout, options: ExportOptions, csv_name: str, widths: dict[str, int]
) -> str:
    variables = layout.variables
    coded = [v for v in variables if v.numeric_codes]
    lines = [
        "* Encoding: UTF-8.",
        "* Reads the dataset's CSV into SPSS (or GNU PSPP) with variable labels, value labels,",
        "* missing values and measurement levels. Run it from the unzipped package's folder.",
        "* SPSS cannot read a line break inside a CSV value: if a text answer has one, open",
        "* the .sav",
        "* file instead (export with the SPSS format), which has the same data and labels.",
        "GET DATA",
        "  /TYPE=TXT",
        f"  /FILE={spss_string(csv_name)}",
        "  /ENCODING='UTF8'",
        "  /ARRANGEMENT=DELIMITED",
        "  /DELCASE=LINE",
        "  /FIRSTCASE=2",
        "  /DELIMITERS=','",
        "  /QUALIFIER='\"'",
        "  /VARIABLES=",
    ]
    lines += [f"    {v.spss_name} {_read_format(v, widths)}" for v in variables]
    lines[-1] += "."
    for variable in coded:
        lines += _recode(variable, options)
    if coded:
        lines.append("ADD FILES /FILE=* /KEEP=" + " ".join(v.spss_name for v in variables) + ".")
    lines += _dictionary(variables)
    lines.append("EXECUTE.")
    return "\n".join(lines) + "\n"


def _read_format(variable: Variable, widths: dict[str, int]) -> str:
    if variable.numeric_codes or variable.kind == "string":
        return f"A{min(SPSS_MAX_WIDTH, max(1, widths.get(variable.key, 1)))}"
    if variable.kind == "date":
        return "SDATE10"
    return spss_format(variable) or "F8.0"


def _recode(variable: Variable, options: ExportOptions) -> list[str]:
    labels_mode = options.values == "labels"
    apart = variable.non_substantive_codes
    pairs = [
        f"({spss_string(str(label if labels_mode else code))}={apart.get(code, number)})"
        for code, number in variable.numeric_codes.items()
        for label in [variable.value_labels[code]]
    ]
    if options.missing_codes:
        pairs += [
            f"({spss_string(kind.label if labels_mode else str(kind.code))}={kind.code})"
            for kind in MISSING_KINDS
        ]
    name, temporary = variable.spss_name, f"{variable.spss_name[:60]}__n"
    return [
        f"RECODE {name} {' '.join(pairs)} (ELSE=SYSMIS) INTO {temporary}.",
        f"DELETE VARIABLES {name}.",
        f"RENAME VARIABLES ({temporary}={name}).",
    ]


def _dictionary(variables: list[Variable]) -> list[str]:
    from exports.writers.spss import value_labels

    lines = []
    for variable in variables:
        name = variable.spss_name
        if variable.non_substantive_codes and not variable.numeric_codes:
            # Numbers read as they are: the non-substantive options' own numbers become -1, -2, …
            pairs = " ".join(
                f"({_number(value)}={code})"
                for value, code in variable.non_substantive_codes.items()
            )
            lines.append(f"RECODE {name} {pairs}.")
        lines.append(f"VARIABLE LABELS {name} {spss_string(variable.label[:250])}.")
        labels = value_labels(variable)
        if labels:
            pairs = " ".join(
                f"{_number(value)} {spss_string(label)}" for value, label in labels.items()
            )
            lines.append(f"VALUE LABELS {name} {pairs}.")
        if variable.non_substantive_codes:
            lines.append(f"MISSING VALUES {name} ({min(c.code for c in MISSING_KINDS)} THRU -1).")
        elif variable.takes_missing_codes:
            codes = ", ".join(str(kind.code) for kind in MISSING_KINDS)
            lines.append(f"MISSING VALUES {name} ({codes}).")
        lines.append(f"VARIABLE LEVEL {name} ({variable.measure.upper()}).")
        if variable.numeric_codes:
            lines.append(f"FORMATS {name} (F8.0).")
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
