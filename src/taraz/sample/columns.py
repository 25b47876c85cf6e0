"""The canonical line as an Arrow schema, and zero-copy Arrow columns from integer arrays."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

CANONICAL_SCHEMA = pa.schema(
    [
        ("declaration_id", pa.string()),
        ("line_no", pa.int32()),
        ("flow", pa.string()),
        ("date", pa.date32()),
        ("hs_code", pa.string()),
        ("partner", pa.string()),
        ("consignment", pa.string()),
        ("customs_office", pa.string()),
        ("province", pa.string()),
        ("trader_id", pa.string()),
        ("trader_size", pa.string()),
        ("value_usd", pa.decimal128(18, 2)),
        ("weight_kg", pa.decimal128(18, 3)),
        ("quantity", pa.decimal128(18, 3)),
        ("unit", pa.string()),
    ]
)
CANONICAL_COLUMNS = tuple(CANONICAL_SCHEMA.names)


def decimal_column(units: np.ndarray, scale: int) -> pa.Array:
    """DECIMAL(18, scale) from non-negative integers counted in units of 10**-scale."""
    units = np.ascontiguousarray(units, dtype=np.int64)
    if len(units) and units.min() < 0:
        raise ValueError("decimal_column takes non-negative amounts only")
    words = np.zeros((len(units), 2), dtype=np.int64)  # 128-bit little-endian: low, high
    words[:, 0] = units
    return pa.Array.from_buffers(pa.decimal128(18, scale), len(units), [None, pa.py_buffer(words)])


def date_column(epoch_days: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(epoch_days, dtype=np.int32), pa.int32()).cast(pa.date32())


def text_column(pool: Sequence[str | None], index: np.ndarray) -> pa.Array:
    """Strings by index into a pool; index -1 gives null."""
    index = np.asarray(index, dtype=np.int64)
    taken = pa.array(list(pool), pa.string()).take(pa.array(np.maximum(index, 0)))
    if (index < 0).any():
        taken = pc.if_else(pa.array(index < 0), pa.scalar(None, pa.string()), taken)
    return taken


def number_text_column(numbers: np.ndarray) -> pa.Array:
    """Decimal digits of non-negative integers as strings."""
    return pa.array(np.asarray(numbers, dtype=np.int64)).cast(pa.string())


def null_column(type_: pa.DataType, n: int) -> pa.Array:
    return pa.nulls(n, type_)
