"""Typed text into .docx files, exactly as typed: the one place values enter a generated Word document.

A .docx is XML. A value that is pasted into a template unescaped turns `<` and `&` into markup: the
XML breaks, docxtpl's recovering parser then silently drops text, and a value shaped like Word XML
becomes formatting or a field code. So every value is escaped here, and the few characters XML 1.0
cannot hold at all (control characters other than tab and newline, lone surrogates, U+FFFE/U+FFFF)
are dropped: they are invisible, carry no meaning in a letter, and would make the file unreadable.
A newline stays a newline (a line break in Word), a tab a tab.

`render_template` renders a docxtpl template (ours or an agency's edited copy) so that no template can
switch the escaping off: values pass through `finalize`, which escapes whatever the expression gave
(also after `|safe`), in a sandboxed Jinja environment. Tags that paste raw XML (`{{r x}}`, `{{p x}}`,
`{{tr x}}`, `{{tc x}}`) are refused with a message naming the template.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from gongkai.core.errors import DomainError

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# docxtpl turns these back into Jinja delimiters after rendering; a value must not contain them literally
_BRACES = {"{": "&#123;", "}": "&#125;"}
# value tags that paste their value as raw XML outside a text run (docxtpl's r/p/tr/tc prefixes)
_RAW_VALUE_TAG = re.compile(r"\{\{(?:r|p|tr|tc)\s")


def xml_text(value) -> str:
    """The text of `value` as a Word document can hold it: line ends unified to \\n, non-XML characters dropped."""
    text = "" if value is None else str(value)
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _escaped(value) -> Markup:
    """Jinja `finalize`: every `{{ … }}` output, whatever filters ran before (also `|safe`), as escaped XML text."""
    text = escape(xml_text(value))
    return Markup("".join(_BRACES.get(ch, ch) for ch in text))


def _plain(value) -> str:
    return xml_text(value)


def _xml_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, finalize=_escaped)


class _SafeDocxTemplate(DocxTemplate):
    def render_properties(self, context, jinja_env=None):
        # core properties are set as text through python-docx (which escapes): no XML escaping here
        super().render_properties(context, SandboxedEnvironment(autoescape=False, finalize=_plain))


def raw_value_tags(template_xml: str) -> list[str]:
    """The raw-XML value tags in a template's document XML (Word may split a tag across runs: tags stripped)."""
    text = re.sub(r"<[^>]+>", "", template_xml)
    return [m.group(0).strip() for m in _RAW_VALUE_TAG.finditer(text)]


def _word_parts(template: DocxTemplate) -> list[str]:
    """The XML of every part docxtpl renders: body, headers, footers, footnotes."""
    package = template.get_docx().part.package
    return [part.blob.decode("utf-8") for part in package.iter_parts()
            if part.partname.startswith("/word/") and part.partname.endswith(".xml")]


def render_template(path: Path, context: dict) -> bytes:
    """Render a docxtpl template with every context value escaped; a template that pastes raw XML is refused."""
    template = _SafeDocxTemplate(str(path))
    found = [tag for xml in _word_parts(template) for tag in raw_value_tags(xml)]
    if found:
        raise DomainError(f"文书模板“{path.name}”含有不允许的标记“{found[0]} …”：填写内容只能用“{{{{ 名称 }}}}”插入，"
                          "请管理员修改该模板")
    template.render(context, jinja_env=_xml_env())
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
