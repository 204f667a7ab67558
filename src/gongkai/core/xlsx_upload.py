"""Reading an uploaded .xlsx safely: a file that is not a workbook, or a zip bomb, is a Chinese DomainError
naming the upload field, never a 500 or a worker that runs out of memory.

An .xlsx is a zip archive. Python's zipfile never inflates a member past the size its directory declares, so
checking the declared sizes before openpyxl opens anything bounds the memory a hostile file can take.
"""

import io
import zipfile

from .errors import DomainError

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all members together, inflated
# Read streaming (iter_xlsx_rows), a workbook costs memory for its shared strings, not for its sheet XML: the bulk
# imports (100,000-row ledgers, ~1 KB of sheet XML a row) allow more, the ratio check still stops a bomb.
MAX_UNCOMPRESSED_STREAMED = 600 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200  # a real workbook compresses 5–20×; a bomb compresses thousands of times


def _source(content):
    return io.BytesIO(content) if isinstance(content, bytes | bytearray) else content


def _size(content) -> int:
    if isinstance(content, bytes | bytearray):
        return len(content)
    if hasattr(content, "seek"):
        position = content.seek(0, io.SEEK_END)
        content.seek(0)
        return position
    import os

    return os.path.getsize(content)


def _check_archive(content, label: str, field: str, max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    try:
        members = zipfile.ZipFile(_source(content)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DomainError(f"{label}：不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为 .xlsx 后重新上传"
                          "（不支持旧版 .xls）", field=field) from None
    total = sum(m.file_size for m in members)
    if hasattr(content, "seek"):
        content.seek(0)
    if len(members) > MAX_MEMBERS or total > max_uncompressed or total > MAX_RATIO * max(_size(content), 1):
        raise DomainError(f"{label}：文件解压后过大（可能是“压缩炸弹”），已拒绝读取；请上传普通的 .xlsx 表格",
                          field=field)


def xlsx_rows(content: bytes, *, label: str, field: str = "file", first_sheet: bool = False) -> list[tuple]:
    """Every row of the active (or first) sheet as a tuple of cell values (formulas' cached values)."""
    from openpyxl import load_workbook

    _check_archive(content, label, field)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0] if first_sheet else workbook.active
        if sheet is None:
            raise ValueError("no sheet")
        rows = list(sheet.iter_rows(values_only=True))
        workbook.close()
    except DomainError:
        raise
    except Exception:  # openpyxl raises KeyError, ValueError, XML and zip errors for a damaged workbook
        raise DomainError(f"{label}：文件已损坏或不是 Excel 工作簿，无法读取；请另存为 .xlsx 后重新上传",
                          field=field) from None
    return rows


def check_streamed_upload(content, *, label: str, field: str = "file") -> None:
    """The cheap part of `iter_xlsx_rows` (the zip directory only), for a form to refuse a file before queueing it."""
    _check_archive(content, label, field, MAX_UNCOMPRESSED_STREAMED)


def iter_xlsx_rows(content, *, label: str, field: str = "file", first_sheet: bool = False):
    """The rows of the active (or first) sheet one at a time, read streaming (openpyxl read-only): memory stays
    flat whatever the row count. `content`: bytes, a path or a binary file. The first item is the sheet's row
    count as its dimension declares it (None if unknown), then one tuple of cell values per row."""
    from openpyxl import load_workbook

    _check_archive(content, label, field, MAX_UNCOMPRESSED_STREAMED)
    try:
        workbook = load_workbook(_source(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0] if first_sheet else workbook.active
        if sheet is None:
            raise ValueError("no sheet")
        try:
            total = sheet.max_row
        except Exception:  # a sheet without a dimension record
            total = None
        yield total
        yield from sheet.iter_rows(values_only=True)
        workbook.close()
    except DomainError:
        raise
    except Exception:  # openpyxl raises KeyError, ValueError, XML and zip errors for a damaged workbook
        raise DomainError(f"{label}：文件已损坏或不是 Excel 工作簿，无法读取；请另存为 .xlsx 后重新上传",
                          field=field) from None


def decode_text(content: bytes, *, label: str, field: str = "file") -> str:
    """A CSV's text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as Excel and WPS save it in China."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(f"{label}：无法识别文件的文字编码，请另存为“CSV UTF-8”格式后重新上传", field=field)
