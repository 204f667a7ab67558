"""Reading a generated .docx the way a checker would: its text, and the formatting it carries."""

import io
import zipfile

from docx import Document as Docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what a value may add to a template: a line break for \n, a tab for \t (and the runs that hold them)
VALUE_ELEMENTS = {f"{W}br", f"{W}tab"}


def docx_text(content: bytes) -> str:
    """All paragraphs (body, tables, headers, footers) joined by newlines; opening it with python-docx is the check."""
    doc = Docx(io.BytesIO(content))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in doc.sections:
        paragraphs += list(section.header.paragraphs) + list(section.footer.paragraphs)
    return "\n".join(p.text for p in paragraphs)


def _parts(content: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
                 and n.split("/")[-1].startswith(("document", "header", "footer", "footnotes"))]
        return [etree.fromstring(z.read(n)) for n in names]


def formatting(content: bytes) -> tuple[set[str], set[bytes]]:
    """The element names used and the distinct run/paragraph properties (serialized)."""
    tags, props = set(), set()
    for root in _parts(content):
        for el in root.iter():
            if isinstance(el.tag, str):
                tags.add(el.tag)
                if el.tag in (f"{W}rPr", f"{W}pPr"):
                    props.add(etree.tostring(el))
    return tags, props


def assert_formatting_from_template(letter: bytes, template: bytes) -> None:
    """Nothing in the letter's markup that the template did not have, except breaks and tabs for \\n and \\t."""
    tags, props = formatting(letter)
    template_tags, template_props = formatting(template)
    assert tags <= template_tags | VALUE_ELEMENTS, tags - template_tags - VALUE_ELEMENTS
    assert props <= template_props, props - template_props
