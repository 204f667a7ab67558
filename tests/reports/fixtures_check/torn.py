"""Table 三 with its labels and numbers torn apart, as PDF text extraction leaves it.

Habits of converters (pdftotext plain, pdftotext -layout, Word → text) seen in published text:
the labels of several rows first and then those rows' numbers (`block`); numbers on the line after a
wrapped label or between its pieces (`wrap`); a label over three lines (`three`); each number on a
line of its own or a row's numbers on one line. The report itself comes from build.text_report, so
the expected cells are known; `pdftotext_text` renders the project's own PDF and extracts it for real.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from gongkai.statute.report import COLUMNS, ROW_KEYS

from .build import text_report

OUTCOMES = [k for k in ROW_KEYS if k not in ("new", "carried_in", "total", "carried_out")]
NUMBER_ROW = re.compile(r"^(?P<label>.*?)((?:\t\d+){7})$")


def balanced_figures(seed: int, *, keys=tuple(ROW_KEYS), zeros: float = 0.5) -> dict[str, list[int]]:
    """Figures that add up like a correct report: every row to its 总计, outcomes to （七）总计, and
    新收 + 上年结转 = 总计 + 结转下年 in every column. Numbers of one to three digits, many zeros."""
    rng = random.Random(seed)
    outcomes = [k for k in OUTCOMES if k in keys]
    rows = {key: [0] * 7 for key in keys}
    for key in outcomes:
        for col in range(6):
            if rng.random() > zeros:
                rows[key][col] = rng.choice([1, 2, 3, 7, 12, 19, 41, 305])
    for col in range(6):
        total = sum(rows[k][col] for k in outcomes)
        carried_out = rng.choice([0, 0, 1, 2])
        carried_in = rng.randint(0, total + carried_out)
        rows["total"][col] = total
        rows["carried_out"][col] = carried_out
        rows["carried_in"][col] = carried_in
        rows["new"][col] = total + carried_out - carried_in
    for values in rows.values():
        values[6] = sum(values[:6])
    return rows


def _table_three(lines: list[str]) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    return start, end


def _rows(lines: list[str], start: int, end: int) -> list[tuple[int, list[str], list[str]]]:
    """(line index, label pieces, numbers) of each number row of table 三."""
    found = []
    for i in range(start, end):
        match = NUMBER_ROW.match(lines[i])
        if match:
            pieces = [p for p in match.group("label").split("\t") if p]
            found.append((i, pieces, match.group(2).split("\t")[1:]))
    return found


def _numbers(numbers: list[str], per_line: bool) -> list[str]:
    return numbers if per_line else [" ".join(numbers)]


def _split(label: str, parts: int) -> list[str]:
    size = -(-len(label) // parts)
    return [label[i : i + size] for i in range(0, len(label), size)]


def torn_report(
    *,
    habit: str = "block",
    block: int = 3,
    per_line: bool = True,
    numbers_at: int = 1,
    glue: tuple[str, int] | None = None,
    blank: tuple[str, ...] = (),
    labels_last: bool = False,
    displace: tuple[str, int] | None = None,
    **kwargs,
) -> str:
    """`text_report(sep="\\t", **kwargs)` with table 三 torn by one converter habit.

    block: the labels of `block` rows, then their numbers. wrap: each label in two pieces, the numbers after
    piece `numbers_at` (1 or 2). three: labels longer than 12 characters in three pieces, numbers after piece
    `numbers_at` (1, 2 or 3). per_line: each number on its own line, else a row's numbers on one line.
    glue: (row key, column) — that cell's number run together with the next one (plain pdftotext).
    blank: rows whose zero cells the source leaves blank, which text extraction drops.
    labels_last: (block) each block's numbers before its labels. displace: (row key, k) — that row's last k
    numbers printed after the table's last label (plain pdftotext on a table's last rows).
    """
    lines = text_report(sep="\t", **kwargs).rstrip("\n").split("\n")
    start, end = _table_three(lines)
    rows = _rows(lines, start, end)
    keyed = dict(zip(ROW_KEYS, range(len(rows)), strict=False)) if len(rows) == len(ROW_KEYS) else {}
    for key in blank:
        i, pieces, numbers = rows[keyed[key]]
        rows[keyed[key]] = (i, pieces, [n for n in numbers if n != "0"])
    if glue:
        i, pieces, numbers = rows[keyed[glue[0]]]
        col = glue[1]
        rows[keyed[glue[0]]] = (i, pieces, [*numbers[:col], numbers[col] + numbers[col + 1], *numbers[col + 2 :]])
    body: list[str] = [line.replace("\t", "\n") for line in lines[start : rows[0][0]]]
    moved: list[str] = []
    if displace:
        i, pieces, numbers = rows[keyed[displace[0]]]
        moved = numbers[len(numbers) - displace[1] :]
        rows[keyed[displace[0]]] = (i, pieces, numbers[: len(numbers) - displace[1]])
    if habit == "block":
        for n in range(0, len(rows), block):
            chunk = rows[n : n + block]
            labels = [piece for _, pieces, _ in chunk for piece in pieces]
            numbers = [line for _, _, numbers in chunk for line in _numbers(numbers, per_line)]
            body += numbers + labels if labels_last else labels + numbers
        body += moved
    else:
        for _, pieces, numbers in rows:
            *groups, label = pieces
            body += groups
            parts = _split(label, 3 if habit == "three" and len(label) > 12 else 2)
            at = min(numbers_at, len(parts))
            body += parts[:at] + _numbers(numbers, per_line) + parts[at:]
    out = lines[:start] + body + lines[end:]
    return "\n".join(out) + "\n"


def expected_rows(rows: dict[str, list[int]]) -> dict[str, dict[str, int]]:
    return {key: dict(zip(COLUMNS, values, strict=True)) for key, values in rows.items()}


# --- the project's own PDF, extracted by pdftotext ----------------------------------------------------


def pdftotext_available() -> bool:
    if shutil.which("pdftotext") is None:
        return False
    from gongkai.reports.render.pdf import cjk_font_available

    return cjk_font_available()


def report_object(rows: dict[str, list[int]], *, licensing=4119, penalty=41, coercion=19):
    from gongkai.statute.report import DocumentCounts, Proactive, Report, Sections

    return Report(
        agency="叶城县宗朗乡人民政府",
        year=2024,
        published_on=date(2025, 1, 20),
        sections=Sections(
            overview="2024年，我乡认真贯彻《中华人民共和国政府信息公开条例》。",
            problems="一是工作人员业务水平有待提高。二是将加强培训。",
            other="本年度未收取信息处理费。",
        ),
        proactive=Proactive(
            regulations=DocumentCounts(0, 0, 0),  # a 乡 makes no 规章 (立法法 第九十三条)
            normative_documents=DocumentCounts(41, 19, 120),
            licensing=licensing,
            penalty=penalty,
            coercion=coercion,
            fees_10k_yuan=1.25,
        ),
        applications=expected_rows(rows),
    )


def pdftotext_text(report, mode: str) -> str:
    """The report rendered to PDF (WeasyPrint) and extracted with `pdftotext` (mode: plain, -layout or -raw)."""
    from gongkai.reports.render import pdf

    _name, _type, data = pdf.render(report)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(data)
        options = [] if mode == "plain" else [mode]
        out = subprocess.run(
            ["pdftotext", *options, "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True, timeout=60
        )
    return out.stdout.decode("utf-8")
