"""Old Word and WPS files (.doc, .wps): converted by a tool the machine has, or a message that says none is.

The tools are real programs on PATH; these tests put a small stand-in for antiword (a shell script that
prints the report's text, as antiword prints a .doc's) on PATH, or take every tool away.
"""

import stat

import pytest
from django.core.management import call_command

from gongkai.reports.check import check_bytes
from gongkai.reports.parse import UnusableInput, parse_bytes, readers
from tests.reports.fixtures_check.build import text_report

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def fake_tool(tmp_path, monkeypatch, name, script):
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}")
    return tool


def test_without_any_converter_the_message_says_so(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(UnusableInput) as exc:
        parse_bytes(OLE, "报告.wps")
    message = str(exc.value)
    assert "报告.wps" in message and "需要转换工具" in message and "LibreOffice、antiword 或 catdoc" in message
    assert "请另存为 .docx 或 PDF" in message


def test_a_doc_is_read_through_antiword(tmp_path, monkeypatch):
    source = tmp_path / "report.txt"
    source.write_text(text_report(), encoding="utf-8")
    fake_tool(tmp_path, monkeypatch, "antiword", f'exec /bin/cat "{source}"\n')
    report = check_bytes(OLE, "report.doc")
    assert report.agency == "叶城县宗朗乡人民政府" and report.year == 2024
    assert report.applications["new"]["total"] == 10
    assert [f for f in report.findings if f.severity == "error"] == []


def test_a_tool_that_fails_is_named_and_the_next_is_tried(tmp_path, monkeypatch):
    source = tmp_path / "report.txt"
    source.write_text(text_report(), encoding="utf-8")
    fake_tool(tmp_path, monkeypatch, "soffice", "echo 'broken' >&2; exit 1\n")
    fake_tool(tmp_path, monkeypatch, "catdoc", f'exec /bin/cat "{source}"\n')
    assert [tool for tool, _ in readers.converters()] == ["soffice", "catdoc"]
    assert check_bytes(OLE, "report.wps").agency == "叶城县宗朗乡人民政府"
    fake_tool(tmp_path, monkeypatch, "catdoc", "exit 3\n")
    with pytest.raises(UnusableInput, match=r"无法转换（soffice：退出码1，broken；catdoc：退出码3）"):
        parse_bytes(OLE, "report.wps")


def test_a_folder_of_mixed_formats_is_checked(tmp_path, monkeypatch, capsys):
    from tests.reports.test_parse_layouts import docx_report, html_report

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(text_report(), encoding="utf-8")
    (folder / "b.html").write_text(html_report(), encoding="utf-8")
    (folder / "c.docx").write_bytes(docx_report())
    (folder / "c2.pdf").write_bytes(pdf_report())
    (folder / "d.doc").write_bytes(OLE)
    (folder / "e.wps").write_bytes(OLE)
    (folder / "notes.xls").write_bytes(b"ignored")
    source = tmp_path / "report.txt"
    source.write_text(text_report(), encoding="utf-8")
    fake_tool(tmp_path, monkeypatch, "antiword", f'exec /bin/cat "{source}"\n')
    try:
        call_command("report", "check", str(folder))
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "合计：6份，已读取6份，有错误0份" in out.out
    assert [line.split()[1] for line in out.err.splitlines() if line.startswith("[")] == [
        "a.txt", "b.html", "c.docx", "c2.pdf", "d.doc", "e.wps"]


def pdf_report() -> bytes:
    from weasyprint import HTML as WeasyHTML

    from tests.reports.test_parse_layouts import html_report

    page = html_report().replace(
        "<style>td{}</style>",
        "<style>table{border-collapse:collapse} td{border:1px solid #000;font-size:8px}"
        " body{font-family:'Noto Sans CJK SC'}</style>",
    )
    return WeasyHTML(string=page).write_pdf()


def test_a_file_that_is_not_a_word_file_is_refused_before_any_tool_reads_it(tmp_path, monkeypatch):
    # catdoc prints any bytes it is given as text: a damaged .doc must not be "read" that way
    fake_tool(tmp_path, monkeypatch, "catdoc", 'echo "乱码"\n')
    with pytest.raises(UnusableInput, match=r"old\.doc：旧版 Word/WPS 文件（\.doc）无法转换（文件头不是 Word/WPS 格式"):
        parse_bytes(b"\xd0\xcf\x11\xe0", "old.doc")


def test_a_web_page_saved_as_doc_is_read_as_the_web_page(tmp_path, monkeypatch):
    from tests.reports.test_parse_layouts import html_report

    monkeypatch.setenv("PATH", "/nonexistent")  # no converter needed
    page = html_report()
    as_doc, as_html = check_bytes(page.encode("utf-8"), "report.doc"), check_bytes(page.encode("utf-8"), "report.html")
    assert as_doc.agency == as_html.agency and as_doc.agency.endswith("人民政府")
    assert as_doc.applications == as_html.applications and as_doc.applications["new"]["total"] is not None


def test_rtf_and_odt_need_libreoffice_and_say_so(tmp_path, monkeypatch):
    fake_tool(tmp_path, monkeypatch, "antiword", "exit 0\n")  # reads only the binary .doc: no use here
    with pytest.raises(UnusableInput, match=r"报告\.rtf：文档（\.rtf）需要转换工具才能读取（LibreOffice），本机未安装"):
        parse_bytes(b"{\\rtf1\\ansi report}", "报告.rtf")
    odt = b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"
    with pytest.raises(UnusableInput, match=r"（LibreOffice），本机未安装"):
        parse_bytes(odt, "报告.odt")
    with pytest.raises(UnusableInput, match=r"报告\.odt：文档（\.odt）无法转换（文件头不是 OpenDocument 格式"):
        parse_bytes(b"not a zip", "报告.odt")
    with pytest.raises(UnusableInput, match=r"不支持的文件类型“\.xls”（支持 txt、html、docx、pdf、doc、wps、rtf、odt"):
        parse_bytes(b"x", "报告.xls")


# --- the real LibreOffice (CI installs libreoffice-writer-nogui) --------------------------------------------

soffice = pytest.mark.skipif(not any(t in ("soffice", "libreoffice") for t, _ in readers.converters()),
                             reason="LibreOffice is not installed (apt install libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def office_files(tmp_path_factory):
    """The project's own .docx report saved by LibreOffice as .doc, .rtf, .odt and as a PDF (another PDF
    producer than WeasyPrint), as an agency's office suite would save it."""
    import subprocess

    from gongkai.reports.render import docx as render_docx
    from tests.reports.fixtures_check.torn import balanced_figures, report_object

    rows = balanced_figures(7)
    report = report_object(rows)
    folder = tmp_path_factory.mktemp("office")
    source = folder / "report.docx"
    source.write_bytes(render_docx.render(report)[2])
    tool = next(path for t, path in readers.converters() if t in ("soffice", "libreoffice"))
    files = {}
    for suffix in ("doc", "rtf", "odt", "pdf"):
        subprocess.run([tool, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", suffix,
                        "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
        files[suffix] = (folder / f"report.{suffix}").read_bytes()
    return report, files


@soffice
@pytest.mark.parametrize("suffix", ["doc", "rtf", "odt", "pdf"])
def test_a_report_saved_by_libreoffice_is_read_cell_for_cell(office_files, suffix):
    report, files = office_files
    read = check_bytes(files[suffix], f"报告.{suffix}")
    assert read.applications == report.applications
    assert read.appeals == report.appeals
    assert read.proactive == report.proactive
    assert [f for f in read.findings if f.severity != "info"] == []


@soffice
def test_an_rtf_saved_under_a_doc_name_is_read_by_libreoffice(office_files):
    report, files = office_files
    assert check_bytes(files["rtf"], "报告.doc").applications == report.applications
