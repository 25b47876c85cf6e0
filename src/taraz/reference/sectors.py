"""Which sector an HS code belongs to: the rule with the longest matching HS prefix."""

from __future__ import annotations

from collections.abc import Mapping

from taraz.reference.codes import SectorRule, clean_hs_code


def sector_of(rules: Mapping[str, SectorRule], hs_code: str) -> str:
    """The sector of the longest prefix of `hs_code` that has a rule ("" always has one).

    Any length works: a 4-digit heading, a 6-digit subheading or Iran's 8-digit tariff code.
    """
    code = clean_hs_code(hs_code)
    for length in range(len(code), -1, -1):
        rule = rules.get(code[:length])
        if rule is not None:
            return rule.sector
    raise LookupError("no default sector rule (empty prefix)")
