"""信息处理费 under 国办函〔2020〕109号: progressive (超额累进) band tables and quotes.

The bands are data. A province that reads the open-ended 按件计收 tail differently (domain.md B §2.3,
marked [U]) passes its own BandTable instead of changing code. One request is charged by one method
only, never both (Art. 3); choosing the method is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    first: int
    last: int | None  # None: open-ended, every further unit costs unit_yuan
    unit_yuan: int


@dataclass(frozen=True)
class BandTable:
    unit: str  # "件" or "页", used in the explanation lines
    bands: tuple[Band, ...]
    # After the last fixed band, bands of tail_width units each cost tail_step_yuan more per unit
    # than the band before. None when the last fixed band is open-ended.
    tail_width: int | None = None
    tail_step_yuan: int = 0

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError("收费档次表不能为空")
        expected_first = 1
        for band in self.bands:
            if band.first != expected_first or (band.last is not None and band.last < band.first):
                raise ValueError(f"收费档次不连续：第{band.first}–{band.last}{self.unit}")
            if band.last is None:
                if band is not self.bands[-1] or self.tail_width is not None:
                    raise ValueError("只有最后一个收费档次可以不设上限")
                return
            expected_first = band.last + 1
        if self.tail_width is None or self.tail_width < 1:
            raise ValueError("收费档次表须以不设上限的档次或递增规则结尾")

    def iter_bands(self) -> Iterator[Band]:
        """Yield the fixed bands, then the open-ended tail one band at a time."""
        yield from self.bands
        last = self.bands[-1]
        if last.last is None or self.tail_width is None:
            return
        first, price = last.last + 1, last.unit_yuan
        while True:
            price += self.tail_step_yuan
            yield Band(first, first + self.tail_width - 1, price)
            first += self.tail_width


# 109号 Art. 4: per applicant per natural month; 31–40 at 200, 41–50 at 300, … is our reading of
# "each further band of 10 raises the price by 100 元" (domain.md B §2.3).
PER_ITEM_BANDS = BandTable(
    unit="件",
    bands=(Band(1, 10, 0), Band(11, 30, 100)),
    tail_width=10,
    tail_step_yuan=100,
)

# 109号 Art. 5: per request.
PER_PAGE_BANDS = BandTable(
    unit="页",
    bands=(Band(1, 30, 0), Band(31, 100, 10), Band(101, 200, 20), Band(201, None, 40)),
)


@dataclass(frozen=True)
class QuoteLine:
    first: int
    last: int
    count: int
    unit_yuan: int
    subtotal_yuan: int


@dataclass(frozen=True)
class Quote:
    total_yuan: int
    lines: list[QuoteLine]
    unit: str = "页"

    def explain(self) -> list[str]:
        """Chinese lines for the fee notice, one per band, then the total."""
        out = []
        for line in self.lines:
            span = f"第{line.first}–{line.last}{self.unit}：{line.count}{self.unit}"
            if line.unit_yuan == 0:
                out.append(f"{span}，免费")
            else:
                out.append(f"{span} × {line.unit_yuan}元 = {line.subtotal_yuan}元")
        out.append(f"合计：{self.total_yuan}元")
        return out


def quote(quantity: int, table: BandTable) -> Quote:
    """109号 Art. 3: progressive charge, each unit at the rate of the band it falls in."""
    if quantity < 0:
        raise ValueError(f"计费数量不能为负数：{quantity}")
    lines = []
    for band in table.iter_bands():
        if band.first > quantity:
            break
        last = quantity if band.last is None else min(band.last, quantity)
        count = last - band.first + 1
        lines.append(QuoteLine(band.first, last, count, band.unit_yuan, count * band.unit_yuan))
    return Quote(sum(line.subtotal_yuan for line in lines), lines, table.unit)


def quote_by_item(count_in_month: int, *, bands: BandTable = PER_ITEM_BANDS) -> Quote:
    """109号 Art. 4: the fee for an applicant's requests 1..N of one natural month together."""
    if count_in_month < 0:
        raise ValueError(f"申请件数不能为负数：{count_in_month}")
    return quote(count_in_month, bands)


def marginal_item_fee(nth: int, *, bands: BandTable = PER_ITEM_BANDS) -> int:
    """109号 Art. 4: the fee for one request that is the applicant's nth of the natural month."""
    if nth < 1:
        raise ValueError(f"本月第几件申请应从1开始：{nth}")
    for band in bands.iter_bands():
        if band.last is None or nth <= band.last:
            return band.unit_yuan
    raise AssertionError("unreachable")  # pragma: no cover


def quote_by_page(pages: int, *, bands: BandTable = PER_PAGE_BANDS) -> Quote:
    """109号 Art. 5: the fee for one request by its number of pages."""
    if pages < 0:
        raise ValueError(f"页数不能为负数：{pages}")
    return quote(pages, bands)
