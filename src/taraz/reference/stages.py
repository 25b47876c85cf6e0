"""The stage of processing of an HS code, through the HS 2022 -> BEC rev. 4 concordance.

The concordance is many-to-many: 143 subheadings belong to more than one BEC category. A code
whose categories all lie in one stage has that stage; one whose categories lie in several is
`mixed` (its value is not split between stages by a guess); a code with no category (gold,
codes outside HS 2022) is `unallocated`. A heading (4 digits) has the stage of all its
subheadings when they agree, else `mixed`; a national code (8 or 10 digits) has the stage of
its first six.
"""

from __future__ import annotations

from collections.abc import Mapping

from taraz.reference.codes import BecCategory, clean_hs_code

MIXED = "mixed"
UNALLOCATED = "unallocated"


def stage_of(
    hs_bec: Mapping[str, tuple[str, ...]], bec: Mapping[str, BecCategory], hs_code: str
) -> str:
    digits = clean_hs_code(hs_code)
    if len(digits) >= 6:
        subheadings = [digits[:6]]
    else:
        subheadings = [code for code in hs_bec if code.startswith(digits)] if digits else []
    stages = {
        bec[category].stage if category in bec else UNALLOCATED
        for code in subheadings
        for category in hs_bec.get(code, ())
    }
    if not stages:
        return UNALLOCATED
    return stages.pop() if len(stages) == 1 else MIXED
