"""Read a published annual report (text, HTML, .docx, PDF) into the shared report object."""

from __future__ import annotations

from pathlib import Path

from .document import Parsed, missing_sections, parse_text
from .readers import SUPPORTED, UnusableInput, read_bytes

__all__ = ["Parsed", "UnusableInput", "SUPPORTED", "parse_bytes", "parse_path", "parse_text", "missing_sections"]


def parse_bytes(data: bytes, name: str) -> Parsed:
    text = read_bytes(data, name)
    if not text.strip():
        raise UnusableInput(f"{name}：文件中没有文字")
    return parse_text(text)


def parse_path(path: str | Path) -> Parsed:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    return parse_bytes(data, path.name)
