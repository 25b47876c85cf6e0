"""The DuckDB warehouse: star schema, batches, history (as-of) and the single-writer connection."""

from taraz.warehouse.connection import Warehouse, WarehouseBusyError, default_warehouse_path
from taraz.warehouse.history import live_lines_sql

__all__ = ["Warehouse", "WarehouseBusyError", "default_warehouse_path", "live_lines_sql"]
