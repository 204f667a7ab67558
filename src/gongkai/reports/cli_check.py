"""`gongkai report check FILE_OR_FOLDER... [--json] [--xlsx OUT]` — read published reports, list their errors.

Exit status (also in `--help`): 0 every report was read and none has an error-level finding; 1 at least
one report has an error-level finding; 2 an input could not be used at all (a path not found, a file
unreadable or not convertible, wrong usage) — 2 wins over 1. Messages are Chinese, on stderr, never a
traceback. With several files a progress display goes to stderr: a bar on a terminal, one line per file
when stderr is piped or redirected.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.markup import escape

from gongkai.statute.report import Report

from .check import SEVERITY_ORDER, check_path, counts_by_severity
from .check_tables import is_marked
from .finding_names import SEVERITY_LABELS, finding_name
from .parse import SUPPORTED, UnusableInput

EXIT_CODES = """退出码：
  0  全部报告已读取，且没有“错误”级别的检查结果（可能有警告、提示）
  1  至少一份报告有“错误”级别的检查结果
  2  有输入无法使用：找不到文件或文件夹、文件无法读取或无法转换（如没有 .doc/.wps/.rtf/.odt 转换工具）、参数错误；
     同时有错误结果时也返回 2
进度：检查多个文件时，进度显示在标准错误输出（终端上为进度条；重定向或管道时每个文件一行）。"""


@dataclass
class Outcome:
    path: Path
    report: Report | None
    problem: str | None = None


def add_arguments(parser) -> None:
    import argparse

    parser.description = ("读取已公布的政府信息公开工作年度报告，检查表格勾稽关系、缺项、格式、落款日期、"
                          "自称和正文与表格是否一致。")
    parser.epilog = EXIT_CODES
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER",
                        help="年度报告文件（txt/html/docx/pdf；doc/wps 需 LibreOffice、antiword 或 catdoc，"
                             "rtf/odt 需 LibreOffice）或文件夹")
    parser.add_argument("--json", action="store_true", help="输出报告数据（含检查结果）的 JSON；多个文件时为列表")
    parser.add_argument("--xlsx", metavar="OUT", help="把全部检查结果写入 Excel 表格（评估用）")


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    files, problems = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED - {""} and not p.name.startswith((".", "~$"))
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"找不到文件或文件夹：{name}")
    return files, problems


def run(files: list[Path], progress=None) -> list[Outcome]:
    outcomes = []
    for path in files:
        try:
            outcomes.append(Outcome(path, check_path(path)))
        except UnusableInput as exc:
            outcomes.append(Outcome(path, None, str(exc)))
        if progress is not None:
            progress(outcomes[-1])
    return outcomes


def exit_code(outcomes: list[Outcome], problems: list[str]) -> int:
    if problems or any(o.report is None for o in outcomes):
        return 2
    return 1 if any(counts_by_severity(o.report)["error"] for o in outcomes) else 0


def handle(command, **options) -> None:
    files, problems = collect(options["paths"])
    if not files and not problems:
        problems.append("没有找到可检查的报告文件（txt/html/docx/pdf）")
    console = _console(command)
    many = len(files) > 1 or any(Path(p).is_dir() for p in options["paths"])
    outcomes = _run_with_progress(files, command) if many else run(files)
    for message in problems + [f"{o.path}：{o.problem}" for o in outcomes if o.report is None]:
        command.stderr.write(f"错误：{message}")
    good = [o for o in outcomes if o.report is not None]
    if options["json"]:
        documents = [o.report.to_json() for o in good]
        payload = documents[0] if len(documents) == 1 and not many else documents
        command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
    elif many:
        _summary_table(console, outcomes)
    elif good:
        _print_report(console, good[0].report)
    if options.get("xlsx"):
        from .check_xlsx import write_findings

        write_findings(options["xlsx"], good)
        command.stderr.write(f"已写入 {options['xlsx']}")
    code = exit_code(outcomes, problems)
    if code:
        sys.exit(code)


def _console(command):
    from rich.console import Console

    return Console(file=command.stdout, width=120, highlight=False, soft_wrap=False)


def _run_with_progress(files: list[Path], command) -> list[Outcome]:
    """A bar on a terminal's stderr; one line per file on a piped or redirected stderr (a log keeps them)."""
    from rich.console import Console

    err = command.stderr
    if not err.isatty():
        total = len(files)
        done = iter(range(1, total + 1))

        def line(outcome: Outcome) -> None:
            if outcome.report is None:
                state = f"无法读取：{outcome.problem}"
            else:
                counts = counts_by_severity(outcome.report)
                state = f"错误{counts['error']} 警告{counts['warning']}"
            err.write(f"[{next(done)}/{total}] {outcome.path.name} {state}")
            err.flush()

        return run(files, line)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=err._out)
    with Progress(
        TextColumn("检查报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("check", total=len(files))
        return run(files, lambda _outcome: progress.advance(task))


def _summary_table(console, outcomes: list[Outcome]) -> None:
    from rich.table import Table

    table = Table(title=f"年度报告检查结果（{len(outcomes)}份）")
    for header in ("文件", "机关", "年度", "错误", "警告"):
        table.add_column(header, justify="right" if header in ("年度", "错误", "警告") else "left")
    totals = {"error": 0, "warning": 0, "with_errors": 0, "unreadable": 0}
    for outcome in outcomes:
        if outcome.report is None:
            totals["unreadable"] += 1
            problem = escape(outcome.problem or "")
            table.add_row(escape(outcome.path.name), f"[red]无法读取：{problem}[/red]", "", "", "")
            continue
        counts = counts_by_severity(outcome.report)
        totals["error"] += counts["error"]
        totals["warning"] += counts["warning"]
        totals["with_errors"] += bool(counts["error"])
        errors = f"[red]{counts['error']}[/red]" if counts["error"] else "0"
        table.add_row(
            escape(outcome.path.name),
            escape(outcome.report.agency or "（未识别）"),
            str(outcome.report.year or ""),
            errors,
            str(counts["warning"]),
        )
    table.add_section()
    read = len(outcomes) - totals["unreadable"]
    label = f"合计：{len(outcomes)}份，已读取{read}份，有错误{totals['with_errors']}份" + (
        f"，无法读取{totals['unreadable']}份" if totals["unreadable"] else "")
    table.add_row(f"[bold]{label}[/bold]", "", "", f"[bold]{totals['error']}[/bold]",
                  f"[bold]{totals['warning']}[/bold]")
    console.print(table)


def _print_report(console, report: Report) -> None:
    from rich.table import Table

    from .check_tables import appeal_rows, application_rows, proactive_rows

    published = f"{report.published_on:%Y年%m月%d日}" if report.published_on else "未识别"
    console.print(
        f"[bold]{escape(report.agency or '（机关名称未识别）')}[/bold]  {report.year or '？'}年度  "
        f"格式：{report.format}  落款日期：{published}"
    )
    marked = {f.where for f in report.findings if f.severity != "info" and f.where}
    for title, headers, rows in (
        ("表二 主动公开政府信息情况", *proactive_rows(report)),
        ("表三 收到和处理政府信息公开申请情况", *application_rows(report)),
        ("表四 行政复议、行政诉讼情况", *appeal_rows(report)),
    ):
        table = Table(title=title, title_justify="left")
        for header in headers:
            table.add_column(header, justify="left" if header == headers[0] else "right", overflow="fold")
        for label, cells in rows:
            table.add_row(label, *[_cell(c, marked) for c in cells])
        console.print(table)
    findings = sorted(report.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    table = Table(title=f"检查结果（{len(findings)}条）", title_justify="left")
    for header in ("级别", "问题", "说明", "位置"):
        table.add_column(header, overflow="fold")
    colours = {"error": "red", "warning": "yellow", "info": "dim"}
    for f in findings:
        colour = colours[str(f.severity)]
        table.add_row(f"[{colour}]{SEVERITY_LABELS[str(f.severity)]}[/{colour}]", finding_name(f.code),
                      escape(f.message), escape(f.where or ""))
    console.print(table)


def _cell(cell, marked: set[str]) -> str:
    value, where = cell
    text = "—" if value is None else str(value)
    if value is None:
        return f"[yellow]{text}[/yellow]"
    return f"[red bold]{text}[/red bold]" if is_marked(where, marked) else text
