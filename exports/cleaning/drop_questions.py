"""Questions never released: the release profile's `drop_questions`, removed from the layout.

Their variables are gone before any row is read, so no writer, codebook or script sees them.
A code the survey does not have is reported, not silently ignored.
"""

from __future__ import annotations

from exports.cleaning.base import CleaningStep


class DropQuestions(CleaningStep):
    key = "drop_questions"
    title = "Questions not released"

    @property
    def enabled(self) -> bool:
        return bool(self.context.rules.drop_questions)

    def parameters(self):
        return {"questions": list(self.context.rules.drop_questions)}

    def shape(self, layout):
        removed = 0
        for code in self.context.rules.drop_questions:
            count = layout.drop_question(code)
            if not count:
                self.notes.append(f"${{{code}}} is not a question of the versions exported.")
            removed += count
        self.counts["variables_removed"] = removed
