"""Straight-lining: the same answer to every statement of a matrix.

A respondent who rates every statement of a grid alike may not have read them. A matrix counts
when it has at least `MIN_STATEMENTS` statements (two alike say little) and every one was
answered; a response caught in any matrix is flagged (`flag_straightline`) or dropped. The
report counts responses caught per matrix, so an analyst can judge matrices where agreeing with
everything is plausible.
"""

from __future__ import annotations

from exports.cleaning.base import CleaningStep, verdict_for
from surveys.question_types.matrix import rows as matrix_rows

MIN_STATEMENTS = 3


class Straightlining(CleaningStep):
    key = "straightlining"
    title = "Straight-lining in matrices"
    flag = (
        "flag_straightline",
        "Same answer to every statement of a matrix",
        f"1 if every statement of a matrix of {MIN_STATEMENTS} or more got the same answer.",
    )
    judges_rows = True

    def __init__(self, context):
        super().__init__(context)
        # {version id: {matrix code: number of statements}}
        self.matrices: dict[int, dict[str, int]] = {}

    @property
    def enabled(self) -> bool:
        return self.options.straightlining != "off"

    @property
    def flags(self) -> bool:
        return self.options.straightlining == "flag"

    def parameters(self):
        return {"mode": self.options.straightlining, "min_statements": MIN_STATEMENTS}

    def prepare(self, context):
        for version_id, instrument in context.instruments.items():
            self.matrices[version_id] = {
                q.code: len(matrix_rows(q))
                for q in instrument.questions()
                if q.type == "matrix" and len(matrix_rows(q)) >= MIN_STATEMENTS
            }
        codes = sorted({code for found in self.matrices.values() for code in found})
        self.counts["by_matrix"] = dict.fromkeys(codes, 0)
        self.counts["flagged" if self.flags else "dropped"] = 0
        if not codes:
            self.notes.append(f"No matrix has {MIN_STATEMENTS} or more statements.")

    @property
    def judging(self):
        return any(self.matrices.values())

    def answer_keys(self):
        if self.options.straightlining != "drop":
            return set()
        return {code for found in self.matrices.values() for code in found}

    def judge(self, row):
        caught = False
        answers = row.answers
        for code, statements in self.matrices.get(row.version_id, {}).items():
            given = answers.get(code)
            if given and len(given) == statements and len(set(given.values())) == 1:
                caught = True
                if self.counting:
                    self.counts["by_matrix"][code] += 1
        return verdict_for(self.options.straightlining) if caught else None
