"""Weighted choice within groups, vectorised: one draw per row from the table of the row's group.

Walker's alias method: a draw is two array look-ups whatever the size of the table, which
keeps the benchmark generator fast at 100 million lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GroupedChoice:
    """The alias tables of every group laid end to end."""

    start: np.ndarray  # int64 per group: where its entries begin
    size: np.ndarray  # int64 per group: how many entries it has
    keep: np.ndarray  # float64 per entry: probability of keeping the entry drawn
    alias: np.ndarray  # int64 per entry: the entry taken instead
    values: np.ndarray  # int64 per entry

    @classmethod
    def build(cls, groups: Sequence[tuple[Sequence[int], Sequence[float]]]) -> GroupedChoice:
        """From one (values, weights) pair per group, groups numbered 0, 1, ... in order."""
        start, size, keep, alias, values = [], [], [], [], []
        offset = 0
        for g, (vals, weights) in enumerate(groups):
            w = np.asarray(weights, dtype=np.float64)
            if len(w) != len(vals) or len(w) == 0 or w.sum() <= 0 or (w < 0).any():
                raise ValueError(f"group {g} needs positive weights, one per value")
            k, a = _alias_table(w / w.sum())
            start.append(offset)
            size.append(len(w))
            keep.append(k)
            alias.append(a + offset)
            values.append(np.asarray(vals, dtype=np.int64))
            offset += len(w)
        return cls(
            np.array(start, dtype=np.int64),
            np.array(size, dtype=np.int64),
            np.concatenate(keep),
            np.concatenate(alias),
            np.concatenate(values),
        )

    def sample(self, rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
        """One value per row of `groups`, drawn from that row's group."""
        size = self.size[groups]
        u = rng.random(len(groups)) * size
        slot = np.minimum(u.astype(np.int64), size - 1)
        entry = self.start[groups] + slot
        kept = (u - slot) < self.keep[entry]
        return self.values[np.where(kept, entry, self.alias[entry])]


def _alias_table(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vose's construction: entry i is kept with keep[i], else alias[i] is taken."""
    n = len(p)
    scaled = p * n
    keep = np.ones(n)
    alias = np.arange(n, dtype=np.int64)
    small = [i for i in range(n) if scaled[i] < 1.0]
    large = [i for i in range(n) if scaled[i] >= 1.0]
    while small and large:
        s, g = small.pop(), large.pop()
        keep[s], alias[s] = scaled[s], g
        scaled[g] -= 1.0 - scaled[s]
        (small if scaled[g] < 1.0 else large).append(g)
    return keep, alias
