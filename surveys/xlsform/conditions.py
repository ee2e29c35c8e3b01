"""Relevance: reading XLSForm `relevant` conditions into Candour's skip logic.

Candour understands a subset of the XLSForm expression language (`surveys.logic`). A condition
is read after every question has its code, with renamed names and option values followed. Then:

- a condition that is not even well formed (an unclosed bracket or quote, a missing value) is
  an error in the file, named by sheet and row;
- a well-formed condition outside Candour's subset (`if()`, `jr:choice-name()`, paths), or one
  that does not make sense here (it uses a later answer, a question that was left out, an
  option that does not exist) is left out and reported: the question then always shows, which
  the researcher can put right in the builder.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.instrument_import import ImportMessage, ImportReport
from surveys.logic import BinOp, Call, Neg, Node, ParseError, Ref, String, check, parse, to_source
from surveys.schema import question_from_schema
from surveys.validation import symbol_for
from surveys.xlsform.names import references_rename
from surveys.xlsform.workbook import SheetRow

# Parse errors that mean the text is broken, rather than beyond what Candour supports.
MALFORMED = ("Expected", "The text that starts", "Use '='", "Write a digit", "The condition is")


@dataclass
class ConditionReader:
    codes: dict[str, str]  # XLSForm name -> Candour code
    choice_renames: dict[str, dict[str, str]]  # code -> {choice name: option value}
    report: ImportReport

    def __post_init__(self) -> None:
        self.malformed: list[ImportMessage] = []

    def read(self, row: SheetRow, *, available, later, itself=None, this_page=()) -> str:
        """The row's relevance as a Candour condition, or "" (reported) when it cannot be."""
        written = row.expression("bind", "relevant")
        if not written:
            return ""
        source = references_rename(written, self.codes)
        try:
            node = parse(source)
        except ParseError as error:
            self._not_parsed(row, written, error)
            return ""
        node, renamed = _option_values_renamed(node, self.choice_renames)
        if renamed:
            source = to_source(node)
        problems = check(node, available=available, later=later, itself=itself, this_page=this_page)
        if problems:
            self.report.add(
                _("the relevant condition ‘%(condition)s’ was left out: %(problems)s.")
                % {"condition": written, "problems": "; ".join(problems)},
                sheet=row.sheet,
                row=row.number,
            )
            return ""
        return source

    def _not_parsed(self, row: SheetRow, written: str, error: ParseError) -> None:
        if str(error).startswith(MALFORMED):
            self.malformed.append(
                ImportMessage(
                    _("the relevant condition ‘%(condition)s’ is not well formed: %(error)s.")
                    % {"condition": written, "error": error},
                    sheet=row.sheet,
                    row=row.number,
                )
            )
            return
        self.report.add(
            _(
                "the relevant condition ‘%(condition)s’ uses what Candour’s skip logic does not "
                "support (%(error)s); it was left out, so the question always shows."
            )
            % {"condition": written, "error": error},
            sheet=row.sheet,
            row=row.number,
        )


def symbols_for(question: dict, page_index: int):
    """What a later condition may know about this question."""
    return symbol_for(question_from_schema(question, page_index, parse_condition=False))


def conditions_joined(*sources: str) -> str:
    """Conditions that must all hold (an enclosing group's, then the question's own)."""
    present = [source for source in sources if source]
    if len(present) <= 1:
        return present[0] if present else ""
    return " and ".join(f"({source})" for source in present)


def _option_values_renamed(node: Node, renames: dict[str, dict[str, str]]) -> tuple[Node, bool]:
    """The tree with option values that were renamed on import written as their new values."""
    if not renames:
        return node, False
    changed = False

    def rename(question: Node, value: Node) -> Node:
        nonlocal changed
        if isinstance(question, Ref) and isinstance(value, String):
            new = renames.get(question.code, {}).get(value.value)
            if new is not None:
                changed = True
                return String(new)
        return value

    def walk(current: Node) -> Node:
        if isinstance(current, Neg):
            return Neg(walk(current.operand))
        if isinstance(current, Call):
            args = tuple(walk(arg) for arg in current.args)
            if current.name == "selected" and len(args) == 2:
                args = (args[0], rename(args[0], args[1]))
            return Call(current.name, args)
        if isinstance(current, BinOp):
            left, right = walk(current.left), walk(current.right)
            if current.op in {"=", "!="}:
                right = rename(left, right)
                left = rename(right, left)
            return BinOp(current.op, left, right)
        return current

    result = walk(node)
    return result, changed
