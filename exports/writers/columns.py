"""Column stores for the writers that need the whole table at once (pyreadstat writes SPSS and
Stata from one pandas DataFrame, with no way to append). Numbers go into `array('d')` (8 bytes
a cell, no Python object each), text and dates into lists; the DataFrame is built from them
without copying when the rows are all in. Memory therefore grows with rows × variables for
these two formats only: the figures are in docs/benchmarks.md.

Rows are not converted one cell at a time as they come: `ColumnTable` keeps a chunk of rows,
turns it into columns (`zip(*rows)`, in C) and converts each column with one `map` over a
lookup table (`Lookup`), so the per-cell work is a dictionary hit, not Python branches. The
pipeline gives every row its own list, so keeping a chunk of them is safe.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

NAN = float("nan")
CHUNK_ROWS = 2000
LOOKUP_LIMIT = 10_000  # values remembered per column; beyond, each is converted when seen


class NumberColumn:
    def __init__(self):
        self.values = array("d")

    def series(self) -> np.ndarray:
        return np.frombuffer(self.values, dtype=np.float64) if self.values else np.array([], float)


class ObjectColumn:
    def __init__(self):
        self.values: list = []

    def series(self) -> pd.Series:
        return pd.Series(self.values, dtype=object)


class Lookup(dict):
    """A cell's value → what the column stores, worked out once per distinct value by
    `convert` (a survey has few: codes, missing markers, small numbers) and then a dict hit:
    convert a column with `map(lookup.__getitem__, values)`.

    Python counts 1, 1.0 and True as one key. Where `convert` tells them apart (it looks at
    `str(value)` to match text codes), pass `text_only` and only text (and the `known`
    values) is remembered; other values are converted each time. Beyond `LOOKUP_LIMIT`
    distinct values, new ones are converted each time too."""

    def __init__(self, convert: Callable[[Any], Any], known: dict, *, text_only: bool = False):
        super().__init__(known)
        self.convert = convert
        self.text_only = text_only

    def __missing__(self, value):
        converted = self.convert(value)
        if (not self.text_only or value.__class__ is str) and len(self) < LOOKUP_LIMIT:
            self[value] = converted
        return converted


class ColumnTable:
    """The table a writer builds: one column and one converter per variable, filled a chunk
    of rows at a time."""

    def __init__(self, plans: list[tuple[NumberColumn | ObjectColumn, Callable[[Any], Any]]]):
        # (column, converter of one value), one per variable in layout order
        self.plans = plans
        self.pending: list[list] = []

    def append(self, cells: list) -> None:
        self.pending.append(cells)
        if len(self.pending) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        columns = zip(*self.pending, strict=True)
        for (column, convert), values in zip(self.plans, columns, strict=True):
            column.values.extend(map(convert, values))
        self.pending = []


def data_frame(columns: dict[str, NumberColumn | ObjectColumn]) -> pd.DataFrame:
    return pd.DataFrame({name: column.series() for name, column in columns.items()}, copy=False)


def to_date(value) -> date | None:
    return None if value is None else date.fromisoformat(value)


def patch_bytes(path, offset: int, new: bytes) -> None:
    """Overwrite bytes in place: used to fix the creation time readstat writes into headers."""
    with open(path, "r+b") as file:
        file.seek(offset)
        file.write(new)
