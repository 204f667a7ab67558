"""A report in the 2019 format (国办公开办函〔2019〕60号): 表二 with 新制作/新公开/对外公开总数量 and
上一年项目数量/本年增减/处理决定数量 columns and rows for 其他对外管理服务事项 and 政府集中采购;
表三 with a single （六）其他处理 row (23 rows). Built with build.text_report so every layout applies.
"""

from __future__ import annotations

from gongkai.statute.report import ROW_KEYS

from .build import LABELS_2021, text_report
from .torn import balanced_figures

KEYS_2019 = [k for k in ROW_KEYS if k not in ("other.no_supplement", "other.fee_unpaid")]
LABELS_2019 = {**LABELS_2021, "other.other": "（六）其他处理"}

# 表二 of the 2019 template: (section, headings, rows of (label, cells)).
TABLE_TWO = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], [
        ("规章", [0, 0, 3]),
        ("规范性文件", [12, 12, 87]),
    ]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [
        ("行政许可", [41, 19, 305]),
        ("其他对外管理服务事项", [3, 0, 2]),
    ]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [
        ("行政处罚", [12, -2, 41]),
        ("行政强制", [0, 0, 0]),
    ]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [
        ("行政事业性收费", [1, 0]),
    ]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [
        ("政府集中采购", [2, 156]),
    ]),
]  # fmt: skip
# What the schema keeps of it: 新制作 as 本年制发件数, 处理决定数量 as the year's decisions; no fee amount.
PROACTIVE = {
    "regulations": (0, None, None),
    "normative_documents": (12, None, None),
    "licensing": 305,
    "penalty": 41,
    "coercion": 0,
    "fees_10k_yuan": None,
}


def table_two(sep: str) -> list[str]:
    lines = []
    for section, headings, rows in TABLE_TWO:
        lines += [section, sep.join(headings)]
        lines += [sep.join([label, *(str(v) for v in cells)]) for label, cells in rows]
    return lines


def figures_2019(seed: int = 7) -> dict[str, list[int]]:
    return balanced_figures(seed, keys=tuple(KEYS_2019))


def report_2019(*, sep: str = "\t", rows=None, year: int = 2020, **kwargs) -> str:
    rows = rows or figures_2019()
    return text_report(
        sep=sep,
        rows=rows,
        year=year,
        date=f"{year + 1}年1月20日",
        table2=table_two(sep),
        keys=KEYS_2019,
        labels=LABELS_2019,
        overview=f"{year}年，本机关认真贯彻政府信息公开条例，按期答复全部申请。",
        **kwargs,
    )


def expected_applications_2019(rows: dict[str, list[int]]) -> dict[str, dict[str, int]]:
    from .torn import expected_rows

    out = expected_rows(rows)
    out["other.no_supplement"] = dict.fromkeys(out["new"], 0)
    out["other.fee_unpaid"] = dict.fromkeys(out["new"], 0)
    return {key: out[key] for key in ROW_KEYS}
