"""Writers, one per format. See `base` for what a writer is and how to add one."""

from exports.writers.base import FlatCells, Writer
from exports.writers.csv import CsvWriter
from exports.writers.jsonl import JsonLinesWriter
from exports.writers.spss import SpssWriter
from exports.writers.stata import StataWriter
from exports.writers.xlsx import XlsxWriter

WRITERS: dict[str, type[Writer]] = {
    writer.format: writer
    for writer in (CsvWriter, XlsxWriter, SpssWriter, StataWriter, JsonLinesWriter)
}

__all__ = ["WRITERS", "FlatCells", "Writer"]
