"""Ingest: read customs, canonical and mapped files into the warehouse, one batch at a time."""

from taraz.ingest.batch_report import BatchReport
from taraz.ingest.limits import ReadBudget
from taraz.ingest.mapping import Mapping, load_mapping
from taraz.ingest.pipeline import ImportOptions, import_files

__all__ = [
    "BatchReport",
    "ImportOptions",
    "Mapping",
    "ReadBudget",
    "import_files",
    "load_mapping",
]
