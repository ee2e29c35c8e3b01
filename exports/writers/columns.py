"""Column stores for the writers that need the whole table at once (pyreadstat writes SPSS and
Stata from one pandas DataFrame, with no way to append). Numbers go into `array('d')` (8 bytes
a cell, no Python object each), text and dates into lists; the DataFrame is built from them
without copying when the rows are all in. Memory therefore grows with rows × variables for
these two formats only: the figures are in docs/benchmarks.md.
"""

from __future__ import annotations

from array import array
from datetime import date

import numpy as np
import pandas as pd

NAN = float("nan")


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


def data_frame(columns: dict[str, NumberColumn | ObjectColumn]) -> pd.DataFrame:
    return pd.DataFrame({name: column.series() for name, column in columns.items()}, copy=False)


def to_date(value) -> date | None:
    return None if value is None else date.fromisoformat(value)


def patch_bytes(path, offset: int, new: bytes) -> None:
    """Overwrite bytes in place: used to fix the creation time readstat writes into headers."""
    with open(path, "r+b") as file:
        file.seek(offset)
        file.write(new)
