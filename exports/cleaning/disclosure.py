"""Small groups: k-anonymity on the release profile's quasi-identifiers.

Role, agency, region or years in role are harmless alone and identifying together: the only
police officer in Orkney who answered is known to anyone who knows the force. The profile names
such questions (`quasi_identifiers`) and a threshold `k` (5 by default). This step

1. generalises them first, as the profile says (numbers into bands, options merged), in the
   layout (new value labels) and in every row;
2. counts every combination of their values among the rows that will be released, in a light
   first pass that judges rows as the other steps do but reads only the keys it needs; memory
   grows with the number of distinct combinations, not of rows;
3. lists each combination covering fewer than k rows in the report, then either suppresses
   the quasi-identifier cells of the rows in them ("Suppressed", a missing code in SPSS and
   Stata) or, when the profile says block, stops the export with `DisclosureBlocked`, unless
   an owner overrides it, which the report then states.

"Not asked" and "not answered" count as values like any other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from exports.cleaning.base import DROP, CleaningStep
from exports.layout import Layout, Variable
from exports.release import OUTSIDE_BANDS, Generalisation
from exports.values import QUESTION_MISSING, SUPPRESSED, Missing, is_missing
from surveys.logic import referenced_codes


class DisclosureBlocked(Exception):
    """Small groups remain, the release profile blocks such exports, and nobody overrode it."""

    def __init__(self, reason: str, combinations: list[dict]):
        super().__init__(reason)
        self.reason = reason
        self.combinations = combinations


class Disclosure(CleaningStep):
    key = "disclosure"
    title = "Small groups (k-anonymity)"
    transforms_cells = True

    def __init__(self, context):
        super().__init__(context)
        self.codes: tuple[str, ...] = ()
        self.positions: tuple[int, ...] = ()  # the cells that make a combination
        self.suppressed: tuple[int, ...] = ()  # the cells suppressed in a small group
        self.rules: dict[int, Generalisation] = {}  # by cell position
        self.small: set[tuple] = set()
        self.known: set[tuple] = set()
        self.combinations: list[dict] = []

    @property
    def enabled(self) -> bool:
        return self.options.disclosure_check and bool(self.context.rules.quasi_identifiers)

    def parameters(self):
        rules = self.context.rules
        return {
            "quasi_identifiers": list(rules.quasi_identifiers),
            "k": rules.k,
            "small_groups": rules.small_groups,
            "generalised": sorted(code for code in rules.generalise if code in self.codes),
            "override": self.context.override_disclosure,
        }

    def shape(self, layout: Layout) -> None:
        found = []
        for code in self.context.rules.quasi_identifiers:
            if not layout.of_question(code):
                self.notes.append(f"${{{code}}} is not a question of the versions exported.")
                continue
            found.append(code)
            rule = self.context.rules.generalise.get(code)
            counted = _counted(layout, code)
            if rule is not None and len(counted) != 1:
                self.notes.append(f"${{{code}}} has several answer columns; not generalised.")
            elif rule is not None:
                layout.replace(counted[0], generalised(layout.variables[counted[0]], rule))
        self.codes = tuple(found)

    def prepare(self, context):
        layout = context.layout
        # Every column of a quasi-identifier is suppressed, but "other, specified" text is not
        # counted: each would be a group of one.
        self.suppressed = tuple(p for code in self.codes for p in layout.of_question(code))
        self.positions = tuple(p for code in self.codes for p in _counted(layout, code))
        for code in self.codes:
            rule = self.context.rules.generalise.get(code)
            counted = _counted(layout, code)
            if rule is not None and len(counted) == 1:
                self.rules[counted[0]] = rule
        self.combinations = self._count(context)
        self.counts["rows_in_small_groups"] = sum(c["count"] for c in self.combinations)
        self.counts["small_groups"] = len(self.combinations)
        self.counts["cells_suppressed"] = 0
        if not self.combinations:
            return
        if self.context.rules.small_groups == "block":
            if not self.context.override_disclosure:
                raise DisclosureBlocked(self._reason(), self.combinations)
            self.notes.append(
                "The release profile blocks exports with small groups; an owner overrode it "
                "for this export, so the rows in them were released as they are."
            )

    def _count(self, context) -> list[dict]:
        keys = self._keys_needed(context)
        judges = [judge for judge in context.judges if judge.judging]
        extractors = {
            version_id: context.extractor_for(version_id, set(self.codes))
            for version_id in context.instruments
        }
        for judge in judges:
            judge.start_pass(counting=False)
        combinations: Counter[tuple] = Counter()
        for row in context.source.light_rows(keys):
            if any(judge.judge(row) == DROP for judge in judges):
                continue
            cells = extractors[row.version_id].cells(row.answers)
            self.generalise(cells)
            combinations[self.combination(cells)] += 1
        self.known = set(combinations)
        self.small = {combo for combo, count in combinations.items() if count < context.rules.k}
        layout = context.layout
        names = [layout.variables[p].name for p in self.positions]
        return [
            {"values": dict(zip(names, map(_shown, combo), strict=True)), "count": count}
            for combo, count in sorted(combinations.items(), key=_by_count_then_values)
            if count < context.rules.k
        ]

    def _keys_needed(self, context) -> set[str]:
        keys = set()
        for instrument in context.instruments.values():
            for page in instrument.pages:
                for question in page.questions:
                    if question.code not in self.codes:
                        continue
                    keys |= question.kind.answer_keys(question)
                    for node in (page.relevant_ast, question.relevant_ast):
                        if node is not None:
                            keys |= referenced_codes(node)
        for judge in context.judges:
            if judge.judging:
                keys |= judge.answer_keys()
        return keys

    def generalise(self, cells: list) -> None:
        for position, rule in self.rules.items():
            value = cells[position]
            if not is_missing(value):
                cells[position] = rule.apply(value)

    def combination(self, cells: list) -> tuple:
        return tuple(_hashable(cells[p]) for p in self.positions)

    def transform(self, cells):
        self.generalise(cells)
        if self.context.override_disclosure and self.context.rules.small_groups == "block":
            return
        combination = self.combination(cells)
        # A combination the first pass never saw (a response that arrived since) is small.
        if combination in self.small or combination not in self.known:
            for position in self.suppressed:
                cells[position] = SUPPRESSED
            self.counts["cells_suppressed"] += len(self.suppressed)

    def _reason(self) -> str:
        rules = self.context.rules
        count = len(self.combinations)
        rows = sum(c["count"] for c in self.combinations)
        return (
            f"{rows} response{'s' if rows != 1 else ''} fall{'s' if rows == 1 else ''} in "
            f"{count} combination{'s' if count != 1 else ''} of "
            f"{', '.join(rules.quasi_identifiers)} shared by fewer than {rules.k} people, and "
            "the survey's release profile blocks such exports. Generalise these questions "
            "further (wider bands, merged options), make the profile suppress small groups, or "
            "ask an owner to override the check for this export."
        )


def _counted(layout: Layout, code: str) -> list[int]:
    return [p for p in layout.of_question(code) if not layout.variables[p].free_text]


def generalised(variable: Variable, rule: Generalisation) -> Variable:
    """The variable as its generalisation releases it: band labels, or merged options."""
    if rule.bands:
        labels = {band.label: band.label for band in rule.bands}
        labels[OUTSIDE_BANDS] = OUTSIDE_BANDS
        note = "Generalised into bands: " + "; ".join(band.label for band in rule.bands)
        measure = "ordinal"
    else:
        by_text = {str(value): label for value, label in variable.value_labels.items()}
        labels = {}
        for value in variable.value_labels:
            target = rule.merge.get(str(value), str(value))
            if target not in labels:
                merged = [code for code in by_text if rule.merge.get(code) == target]
                labels[target] = (
                    rule.labels.get(target)
                    or by_text.get(target)
                    or " / ".join(by_text[code] for code in merged)
                )
        note = "Options merged: " + "; ".join(f"{old} → {new}" for old, new in rule.merge.items())
        measure = variable.measure
    return replace(
        variable,
        kind="string",
        measure=measure,
        value_labels=labels,
        lowest=None,
        notes=(*variable.notes, note),
    )


def _hashable(value):
    if isinstance(value, list):
        return tuple(value)
    return value


def _shown(value) -> str | int | float | None:
    if value is None or isinstance(value, Missing):
        return QUESTION_MISSING[value].label
    return value


def _by_count_then_values(item) -> tuple:
    combo, count = item
    return count, tuple(str(_shown(value)) for value in combo)
