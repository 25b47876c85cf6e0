"""The sample as the files an analyst receives: Yazd's monthly customs Excel, the rest as CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from taraz.reference import Flow
from taraz.sample.canonical import write_csv
from taraz.sample.customs_excel import CustomsRow, write_customs_month
from taraz.sample.days import YEARS, sample_days
from taraz.sample.lines import sample_lines
from taraz.sample.profile import FLOWS, YAZD, load_profile


def write_sample(out_dir: Path, seed: int = 1404, scale: float = 1.0) -> list[Path]:
    """Write the lines of `generate_lines(seed, scale)` as files, listed in import order.

    Per Jalali year: `canonical-<year>-X.csv` and `canonical-<year>-M.csv` (every province but
    Yazd), then Yazd's `yazd-<exports|imports>-<year>-<month>.xlsx`, month by month. The Excel
    files carry a few deliberately bad rows beyond the sample's lines (see SAMPLE.md).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sample, profile, days = sample_lines(seed, scale), load_profile(), sample_days()
    table = sample.table
    yazd = sample.province == profile.provinces.codes.index(YAZD)
    jy, jm = days.jy[sample.day], days.jm[sample.day]
    paths: list[Path] = []
    for year in YEARS:
        for f, flow in enumerate(FLOWS):
            mask = ~yazd & (jy == year) & (sample.flow == f)
            path = out_dir / f"canonical-{year}-{flow}.csv"
            paths.append(write_csv([table.filter(pa.array(mask))], path))
        for month in range(1, 13):
            for f, flow in enumerate(FLOWS):
                index = np.flatnonzero(yazd & (jy == year) & (jm == month) & (sample.flow == f))
                rows = _customs_rows(sample, index)
                path = out_dir / f"yazd-{Flow(flow).key}-{year}-{month:02d}.xlsx"
                rng = np.random.default_rng([seed, year, month, f])
                write_customs_month(path, rows, flow, year, month, profile.reference, rng)
                paths.append(path)
    return paths


def _customs_rows(sample, index: np.ndarray) -> list[CustomsRow]:
    profile, days = load_profile(), sample_days()
    cols = sample.table.take(pa.array(index)).to_pydict()
    day = sample.day[index]
    tariff = sample.tariff[index]
    return [
        CustomsRow(
            declaration_id=cols["declaration_id"][i],
            line_no=cols["line_no"][i],
            jy=int(days.jy[day[i]]),
            jm=int(days.jm[day[i]]),
            jd=int(days.jd[day[i]]),
            province=cols["province"][i],
            office=cols["customs_office"][i],
            border=profile.offices[sample.border[index[i]]],
            partner=cols["partner"][i],
            hs8=cols["hs_code"][i],
            isic=profile.tariff.isic[tariff[i]],
            cents=int(sample.cents[index[i]]),
            grams=int(sample.grams[index[i]]),
            trader_id=cols["trader_id"][i],
            trader_size=cols["trader_size"][i],
        )
        for i in range(len(index))
    ]
