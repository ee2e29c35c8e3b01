"""From the rows of the survey sheet to pages: groups, matrices, and questions outside any group.

- A top-level group is a page: its label the title, its hint the introduction, its relevance
  the page's condition.
- Questions outside any group, one after another, share a page of their own.
- A group inside a page does not nest in Candour: its label becomes an information heading and
  its questions join the page, each also shown only when the group's condition holds.
- A group with the `table-list` appearance whose rows are all `select_one` on one list (with no
  conditions of their own) becomes one matrix question: the group's name its code, each row a
  statement. Otherwise its rows are kept as separate questions and the report says why.
- A repeat is left out with its questions: a Candour survey asks each question once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from pyxform import aliases
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL

from surveys.instrument_import import ImportReport
from surveys.xlsform.types import RowType, appearances, row_type
from surveys.xlsform.workbook import SheetRow

MATRIX_ROW_TYPES = {"single_choice", "likert", "dropdown"}
HEADER_ROW_APPEARANCE = "label"


@dataclass
class GroupNode:
    row: SheetRow
    kind: str  # "group" or "repeat"
    children: list[GroupNode | SheetRow] = field(default_factory=list)


@dataclass(eq=False)  # compared and hashed by identity: two items may look alike
class PlannedItem:
    """One Candour question to build: from a row, or from a group (matrix, heading)."""

    row: SheetRow
    row_type: RowType
    conditions: tuple[SheetRow, ...] = ()  # enclosing groups whose relevance also applies
    matrix_rows: tuple[SheetRow, ...] = ()


@dataclass
class PlannedPage:
    group: SheetRow | None  # None for questions outside any group
    items: list[PlannedItem] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def survey_tree(rows: list[SheetRow], report: ImportReport) -> list[GroupNode | SheetRow]:
    """Rows nested by begin and end (pyxform has checked that they match)."""
    top: list[GroupNode | SheetRow] = []
    stack: list[GroupNode] = []
    for row in rows:
        if aliases.yes_no.get(row.get("disabled"), False):
            report.add(_("the row is disabled; it was left out."), sheet=row.sheet, row=row.number)
            continue
        written = " ".join(row.get("type").split())
        if RE_END_CONTROL.search(written):
            stack.pop()
            continue
        begin = RE_BEGIN_CONTROL.search(written)
        node: GroupNode | SheetRow = row
        if begin:
            kind = aliases.control[begin.group("type")]
            node = GroupNode(row=row, kind="group" if kind == "group" else "repeat")
        (stack[-1].children if stack else top).append(node)
        if isinstance(node, GroupNode):
            stack.append(node)
    return top


def survey_plan(
    tree: list[GroupNode | SheetRow], report: ImportReport, referenced: set[str]
) -> list[PlannedPage]:
    planner = _Planner(report, referenced)
    pages: list[PlannedPage] = []
    run: PlannedPage | None = None
    for node in tree:
        if isinstance(node, GroupNode) and node.kind == "group" and not _is_table_list(node):
            run = None
            page = PlannedPage(group=node.row, rows=[node.row.number])
            page.items = planner.items(node.children, ())
            pages.append(page)
            continue
        if run is None:
            run = PlannedPage(group=None)
            pages.append(run)
        run.rows.append(node.row.number if isinstance(node, GroupNode) else node.number)
        run.items.extend(planner.items([node], ()))
    return pages


def _is_table_list(node: GroupNode) -> bool:
    return "table-list" in appearances(node.row)


class _Planner:
    def __init__(self, report: ImportReport, referenced: set[str]):
        self.report = report
        self.referenced = referenced

    def items(self, nodes, conditions: tuple[SheetRow, ...]) -> list[PlannedItem]:
        planned: list[PlannedItem] = []
        for node in nodes:
            if isinstance(node, SheetRow):
                planned.extend(self._question(node, conditions))
            elif node.kind == "repeat":
                self._repeat_left_out(node)
            elif _is_table_list(node):
                planned.extend(self._table_list(node, conditions))
            else:
                planned.extend(self._nested_group(node, conditions))
        return planned

    def _question(self, row: SheetRow, conditions) -> list[PlannedItem]:
        kind = row_type(row)
        if kind.candour_type is None:
            self.report.add(
                f"{kind.left_out_because}.",
                sheet=row.sheet,
                row=row.number,
            )
            return []
        return [PlannedItem(row=row, row_type=kind, conditions=conditions)]

    def _repeat_left_out(self, node: GroupNode) -> None:
        self.report.add(
            _(
                "repeat ‘%(name)s’ is not supported, because a Candour survey asks each question "
                "once; it was left out with its questions."
            )
            % {"name": node.row.get("name")},
            sheet=node.row.sheet,
            row=node.row.number,
        )

    def _nested_group(self, node: GroupNode, conditions) -> list[PlannedItem]:
        self.report.add(
            _(
                "group ‘%(name)s’ is inside another group, and Candour pages do not nest: its "
                "questions join the enclosing page, under its label as a heading."
            )
            % {"name": node.row.get("name")},
            sheet=node.row.sheet,
            row=node.row.number,
        )
        return self._flatten(node, conditions)

    def _flatten(self, node: GroupNode, conditions) -> list[PlannedItem]:
        planned = []
        if any(key[0] == "label" for key in node.row.cells):
            heading = RowType("info", "group")
            planned.append(PlannedItem(row=node.row, row_type=heading, conditions=conditions))
        return planned + self.items(node.children, (*conditions, node.row))

    def _table_list(self, node: GroupNode, conditions) -> list[PlannedItem]:
        rows = [child for child in node.children if isinstance(child, SheetRow)]
        headers = [row for row in rows if HEADER_ROW_APPEARANCE in appearances(row)]
        statements = [row for row in rows if row not in headers]
        problem = self._matrix_problem(node, statements)
        if problem is None:
            for header in headers:
                self.report.add(
                    _("this header row of a table-list was left out: a matrix shows its options."),
                    sheet=header.sheet,
                    row=header.number,
                )
            kind = RowType("matrix", "table-list", list_name=row_type(statements[0]).list_name)
            return [
                PlannedItem(
                    row=node.row,
                    row_type=kind,
                    conditions=conditions,
                    matrix_rows=tuple(statements),
                )
            ]
        self.report.add(
            _("the table-list group ‘%(name)s’ was not made a matrix (%(problem)s).")
            % {"name": node.row.get("name"), "problem": problem},
            sheet=node.row.sheet,
            row=node.row.number,
        )
        return self._flatten(node, conditions)

    def _matrix_problem(self, node: GroupNode, statements: list[SheetRow]) -> str | None:
        if any(isinstance(child, GroupNode) for child in node.children):
            return _("it holds another group")
        if not statements:
            return _("it has no questions")
        lists = set()
        for row in statements:
            kind = row_type(row)
            name = row.get("name")
            if kind.candour_type not in MATRIX_ROW_TYPES:
                return _("‘%(name)s’ is not a select_one question") % {"name": name}
            if kind.or_other:
                return _("‘%(name)s’ has or_other") % {"name": name}
            if row.get("bind", "relevant") or row.get("bind", "constraint"):
                return _("‘%(name)s’ has a condition of its own") % {"name": name}
            if name in self.referenced:
                return _("a condition uses the answer to ‘%(name)s’") % {"name": name}
            lists.add(kind.list_name)
        if len(lists) > 1:
            return _("its questions use different choice lists")
        return None
