"""Writing a benchmark's rows into its section of docs/benchmarks.md, keeping earlier rows and hand-written notes."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(section: str, header: str, rows: list[str]) -> None:
    """`header`: the section's text down to and including its table's header lines; `rows`: new table lines."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# 性能测试\n"
    table = "\n".join(rows)
    if section in text:
        before, after = text.split(section, 1)
        rest = after.split("\n## ", 1)
        old_rows = [line for line in rest[0].splitlines() if line.startswith("| 20")]
        notes = rest[0].split(old_rows[-1], 1)[1].strip() if old_rows else ""  # kept: written by hand
        body = header + "\n".join([*old_rows, table]) + "\n" + (f"\n{notes}\n" if notes else "")
        text = before + section + "\n\n" + body + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip() + f"\n\n{section}\n\n{header}{table}\n"
    DOC.write_text(text, encoding="utf-8")
