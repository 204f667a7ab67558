"""Cells the project writes to spreadsheets, and reads back from its own exports.

Exported text comes from applicants (电话, 地址), staff (信息名称, 文号) and published reports (the checker), so a
value such as ``=HYPERLINK("http://e.x","c")`` or ``=cmd|' /C calc'!A0`` must never become a live formula
when the file is opened in Excel, WPS or LibreOffice (CSV injection, OWASP). Every export puts its rows
through ``cell_value``; every import of those exports reads them through ``read_value``.

The escape is the one spreadsheet users know: a leading apostrophe. Text starting with a formula trigger
(= + - @ tab CR LF) gets one, and so does text that already starts with an apostrophe, so that ``read_value``
(drop exactly one leading apostrophe) gives back what was typed in every case. Numbers, dates and empty
cells are written as they are, so they stay numbers and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
ESCAPE = "'"


def cell_value(value: Any) -> Any:
    """The value to put in a cell: text that a spreadsheet would run is escaped, everything else unchanged."""
    if not isinstance(value, str):
        return value
    # Control characters other than tab/CR/LF cannot be stored in .xlsx (openpyxl raises): an export with one
    # pasted into a field must still download.
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + value
    return value


def row_values(values: Iterable[Any]) -> list[Any]:
    return [cell_value(v) for v in values]


def append_row(sheet, values: Iterable[Any]) -> None:
    """``sheet.append`` for every row an export writes (the header too)."""
    sheet.append(row_values(values))


def read_value(value: Any) -> Any:
    """The inverse of ``cell_value`` for a cell read back from one of our exports."""
    if isinstance(value, str) and value.startswith(ESCAPE):
        return value[1:]
    return value
