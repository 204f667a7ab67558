"""A national-format report as PDF → Markdown converters write it, with each converter's habits as options.

Habits seen in converter output: `## ` (or `**…**`) headings; pipe tables that open with a placeholder
header row (`| 数据1 | 数据2 |…` or `| | | |`) and a `|---|` line; table 三 cut into one small table per
row; a header row repeated in the middle of table 三 (a page break); row labels spread over three label
columns with empty cells; group labels shortened (“(六) 其他”).
"""

from __future__ import annotations

import re

from .build import text_report

HEADING = re.compile(r"^[一二三四五六]、")
REPEATED_HEADERS = {
    "columns": ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    "sub-columns": ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    "placeholder": None,  # the converter's own placeholder header row again
}


def _placeholder(width: int, style: str) -> list[str]:
    row = [f"数据{i}" for i in range(1, width + 1)] if style == "numbered" else [""] * width
    return [_pipe(row), "|" + "---|" * width]


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _label_area(label: str) -> list[str]:
    """Table 三's labels in three columns (group, sub-group, item), as converters lay out merged cells."""
    parts = label.split("\t")
    if len(parts) == 2:
        return [parts[0], parts[1], ""] if parts[0][1] == "、" else ["", parts[0], parts[1]]
    part = parts[0]
    if part[1] == "、":
        return [part, "", ""]
    if part.startswith("（"):
        return ["", part, ""]
    return ["", "", part]


def markdown_report(
    *,
    heading="## ",
    placeholder="numbered",
    split_rows=False,
    repeat_header=None,
    shorten=False,
    label_columns=True,
    **kwargs,
) -> str:
    """`text_report(**kwargs)` as Markdown; the options are the converter's habits."""
    lines = text_report(sep="\t", **kwargs).split("\n")
    out: list[str] = []
    table: list[list[str]] = []
    in_three = False

    def flush():
        if not table:
            return
        width = max(len(r) for r in table)
        rows = [r + [""] * (width - len(r)) for r in table]
        if split_rows and in_three:
            for row in rows:
                out.extend(["", *_placeholder(width, placeholder), _pipe(row), ""])
        else:
            out.extend(["", *_placeholder(width, placeholder)])
            for n, row in enumerate(rows):
                if repeat_header and in_three and n == len(rows) // 2:
                    extra = REPEATED_HEADERS[repeat_header]
                    if extra is None:
                        out.extend(_placeholder(width, placeholder))
                    else:
                        out.append(_pipe(extra + [""] * (width - len(extra))))
                out.append(_pipe(row))
            out.append("")
        table.clear()

    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            if in_three and label_columns:
                numbers = [c for c in cells if c.isdigit()]
                label = "\t".join(c for c in cells if not c.isdigit())
                if numbers and len(numbers) == 7:
                    cells = _label_area(label) + numbers
                elif cells[0] == "自然人":
                    cells = ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
                elif cells[0] == "商业企业":
                    cells = ["", "", "", "", *cells]
            if shorten:
                cells = ["(六) 其他" if c == "（六）其他处理" else c for c in cells]
            table.append(cells)
            continue
        flush()
        if HEADING.match(line):
            in_three = line.startswith("三、")
            out.append(f"**{line}**" if heading == "**" else f"{heading}{line}")
        elif line.startswith("第二十条"):
            table.append([line])
        else:
            out.append(line)
    flush()
    return "\n".join(out) + "\n"
