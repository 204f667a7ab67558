"""Letters to the applicant: data snapshot → docxtpl template (editable in Word) → immutable Document.

Default templates live in `letter_templates/` next to this file (rebuilt by `build_default_templates`);
an agency may put its own edited copy at MEDIA_ROOT/letter_templates/<agency id>/<same file name>.
"""

import hashlib
import io
from datetime import date
from pathlib import Path

from django.conf import settings
from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.core.docx_text import render_template
from gongkai.core.sequences import next_number
from gongkai.statute.outcomes import BY_KEY, Group

TEMPLATE_DIR = Path(__file__).parent / "letter_templates"

TITLES = {
    "supplement_notice": "政府信息公开申请补正通知书",
    "consultation_letter": "政府信息公开征求意见函",
    "extension_notice": "政府信息公开申请延期答复告知书",
    "fee_notice": "政府信息公开信息处理费缴费通知书",
    "transfer_notice": "政府信息公开申请告知书",
    "reply": "政府信息公开申请答复告知书",
}

# The fixed wording of each template; agencies edit the .docx, not this table.
_REGS = "《中华人民共和国政府信息公开条例》"
INTROS = {
    "supplement_notice": f"经审查，您的申请内容不明确。根据{_REGS}第三十条，"
                         "请您于补正期限内补正以下事项。"
                         "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "consultation_letter": "该申请公开的政府信息涉及贵方，现书面征求贵方意见，"
                           "请自收到本函之日起15个工作日内提出意见。",
    "extension_notice": "因正当理由不能在20个工作日内答复，经本机关政府信息公开工作机构负责人同意，"
                        f"根据{_REGS}第三十三条第二款，延长答复期限。",
    "fee_notice": f"根据{_REGS}第四十二条及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
                  "您的申请需缴纳信息处理费。"
                  "请自收到本通知之日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请。",
    "transfer_notice": "经审查，您申请公开的信息不属于本机关负责公开。"
                       f"根据{_REGS}第三十六条第（五）项，告知如下。",
    "reply_granted": "经审查，您申请公开的信息属于公开范围，本机关予以公开。",
    "reply_partial": "经审查，您申请公开的信息中含有不应当公开的内容，但能够作区分处理。"
                     f"根据{_REGS}第三十七条，"
                     "本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。",
    "reply_denied": "经审查，您申请公开的信息依法不予公开，理由如下。",
    "reply_unable": "经审查，本机关无法向您提供所申请的信息，理由如下。",
    "reply_not_processed": "经审查，本机关对您的申请不予处理，理由如下。",
    "reply_other": "经审查，现就您的申请告知如下。",
}
WITH_REMEDIES = {"reply", "transfer_notice", "supplement_notice", "fee_notice"}
# what the remedies sentence calls the letter itself
LETTER_NOUN = {"supplement_notice": "通知书", "fee_notice": "通知书"}
# 条例 Art. 32 (a third party: silence is not consent) or Art. 34 (another agency: silence is consent)
CONSULTATION_BASIS = {"third_party": f"{_REGS}第三十二条", "agency": f"{_REGS}第三十四条"}
TRANSFER_BASIS = f"{_REGS}第三十六条第（五）项"


def template_name(kind: str, outcome: str | None = None) -> str:
    if kind == "reply":
        return f"reply_{BY_KEY[outcome].group.value}.docx"
    return f"{kind}.docx"


def template_path(agency, name: str) -> Path:
    custom = Path(settings.MEDIA_ROOT) / "letter_templates" / str(agency.pk) / name
    return custom if custom.exists() else TEMPLATE_DIR / name


def review_body(agency) -> str:
    """行政复议法 Art. 24: a department's 复议机关 is the 本级人民政府; a government's is the one above it."""
    parent = agency.parent
    if parent is not None and parent.kind == "government":
        return parent.name
    return "本级人民政府" if agency.kind == "department" else "上一级人民政府"


_REVIEW_FIRST = "根据《中华人民共和国行政复议法》第二十三条，对{what}不服的，应当先申请行政复议；" \
                "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼"


def remedies(outcome_key: str | None, agency, noun: str = "告知书") -> str:
    """Domain A §8: a refusal sends the applicant to 行政复议 first (行政复议法 Art. 23, since 2024-01-01).

    A partial disclosure refuses the withheld part: for that part the same rule holds, stated first, so the
    letter never leads the applicant into a direct suit that a court would dismiss once the 60 days ran out."""
    body = review_body(agency)
    outcome = BY_KEY[outcome_key] if outcome_key else None
    what = "本答复" if noun == "告知书" else f"本{noun}"
    if outcome is not None and outcome.is_refusal:
        return (f"如对{what}不服，可以自收到本{noun}之日起60日内向{body}申请行政复议。"
                + _REVIEW_FIRST.format(what="不予公开政府信息") + "。")
    if outcome is not None and outcome.group == Group.PARTIAL:
        return (f"如对{what}不服，可以自收到本{noun}之日起60日内向{body}申请行政复议。"
                + _REVIEW_FIRST.format(what="其中不予公开的部分")
                + f"。对予以公开的部分不服的，也可以自收到本{noun}之日起6个月内直接向人民法院提起行政诉讼。")
    return (f"如对{what}不服，可以自收到本{noun}之日起60日内向{body}申请行政复议，"
            "或者在6个月内向人民法院提起行政诉讼。")


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _opening(request, kind) -> str:
    if kind == "consultation_letter":
        # to the party consulted: the information asked for, never who asked (name, ID number, phone, address)
        received = request.received_on or request.submitted_on
        return (f"本机关于{_cn_date(received)}收到政府信息公开申请（申请编号：{request.number}），"
                f"申请公开的信息为：{request.description}")
    return (f"您（单位）于{_cn_date(request.submitted_on)}提出的政府信息公开申请（申请编号：{request.number}）收悉。"
            f"申请内容：{request.description}")


def _body(request, kind, data, reason) -> list[str]:
    lines = [_opening(request, kind)]
    if kind == "supplement_notice":
        due = date.fromisoformat(data["supplement_due"])
        lines += [f"需补正事项：{data['items']}", f"补正期限：{_cn_date(due)}前。"]
    elif kind == "consultation_letter":
        if data.get("subject"):
            lines.append(f"涉及贵方的内容：{data['subject']}")
        if data.get("answer_due"):
            lines.append(f"请于{_cn_date(date.fromisoformat(data['answer_due']))}前书面答复。")
        else:
            lines.append("请自收到本函之日起15个工作日内书面答复。")
        if data["party_kind"] == "third_party":
            lines.append("不同意公开的，请说明理由。逾期未提出意见的，本机关将依照条例规定决定是否公开。")
        else:
            lines.append("逾期未提出意见的，视为同意公开。")
    elif kind == "extension_notice":
        lines.append(f"延长期限：{data['days']}个工作日。延期理由：{reason}")
    elif kind == "fee_notice":
        lines += data["explanation"] + [f"应缴金额：{data['amount_yuan']}元。"]
    elif kind == "transfer_notice":
        lines.append(f"负责公开该信息的机关：{data['competent_agency']}　联系方式：{data.get('contact') or '—'}")
        if reason:
            lines.append(f"理由：{reason}")
    elif kind == "reply":
        lines += _reply_lines(data, reason)
    return lines


def _reply_lines(data, reason) -> list[str]:
    outcome = BY_KEY[data["outcome"]]
    lines = [f"办理结果：{outcome.short_label}"]
    if data.get("how"):
        lines.append(f"获取方式：{data['how']}")
    if outcome.group == Group.PARTIAL:
        lines.append(f"不予公开的内容：{data['withheld']}")
    if reason:
        lines.append(f"理由：{reason}")
    return lines


def addressee(request, kind, data) -> str:
    """A consultation letter goes to the third party or agency consulted; every other letter to the applicant."""
    return data["party_name"] if kind == "consultation_letter" else request.display_applicant


def basis(kind, data) -> str:
    if kind == "reply":
        return BY_KEY[data["outcome"]].basis
    if kind == "transfer_notice":
        return TRANSFER_BASIS
    if kind == "consultation_letter":
        return CONSULTATION_BASIS[data["party_kind"]]
    return ""  # the notices cite their article in their fixed wording


def build_context(request, *, kind, day, data, reason, number, replaces=None) -> dict:
    """The letter's data. Values go in as typed: `render` escapes them (gongkai.core.docx_text)."""
    agency = request.agency
    outcome_key = data.get("outcome") if kind == "reply" else ("unable.not_held" if kind == "transfer_notice" else None)
    body = _body(request, kind, data, reason)
    if replaces is not None:
        body.insert(0, f"本告知书更正并替代本机关{_cn_date(replaces.issued_on)}发出的{replaces.number}。")
    return {
        "agency_name": agency.name,
        "title": TITLES[kind],
        "doc_number": number,
        "addressee": addressee(request, kind, data),
        "opening": body[0] if replaces is None else body[0] + body.pop(1),
        "body": body[1:],
        "basis": basis(kind, data),
        "remedies": remedies(outcome_key, agency, LETTER_NOUN.get(kind, "告知书")) if kind in WITH_REMEDIES else "",
        "seal": f"{agency.name}（印章）",
        "date_text": _cn_date(day),
        "office": agency.office_name,
        "contact": "　".join(x for x in (agency.office_address, agency.office_phone) if x),
    }


def render(path: Path, context: dict) -> bytes:
    """Every value escaped, whoever edited the template (ours or an agency's copy)."""
    return render_template(path, context)


def issue(request, *, kind, day, data, reason="", replaces=None):
    """Freeze the letter's data, render it, and store it as an immutable Document (in the caller's transaction)."""
    from .models import Document

    serial = next_number(agency=request.agency, scope="letter", year=day.year)
    number = f"{request.agency.short_name}依申告〔{day.year}〕{serial}号"
    context = build_context(request, kind=kind, day=day, data=data, reason=reason, number=number, replaces=replaces)
    name = template_name(kind, data.get("outcome"))
    content = render(template_path(request.agency, name), context)
    document = Document(request=request, kind=kind, number=number, title=context["title"], data=context,
                        issued_on=day, replaces=replaces, content=content)
    document.save()
    return document


# --- the letter as text, and its draft for the preview ----------------------------------------

DRAFT_MARK = "草稿（预览）——尚未发出，不具效力"


def letter_paragraphs(content: bytes) -> list[str]:
    """The letter's body as Word shows it, paragraph by paragraph (what the preview page prints)."""
    return [p.text for p in DocxDocument(io.BytesIO(content)).paragraphs]


def letter_digest(content: bytes) -> str:
    """A fingerprint of the letter's text: the issued letter must have the one its preview showed."""
    return hashlib.sha256("\n".join(letter_paragraphs(content)).encode()).hexdigest()


def draft_docx(content: bytes) -> bytes:
    """The letter as it will be issued, marked 草稿 in every page header: the body is untouched."""
    doc = DocxDocument(io.BytesIO(content))
    for section in doc.sections:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph.text = DRAFT_MARK
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.core_properties.title = f"{DRAFT_MARK} {doc.core_properties.title or ''}".strip()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the default templates ----------------------------------------------------------------------


def _fonts(run, east_asia: str, size: int, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = east_asia
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def _para(doc, text, *, font="仿宋", size=16, bold=False, align=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(text), font, size, bold)
    return p


def build_template(name: str) -> bytes:
    """A4, GB/T 9704 margins, 宋体 title and 仿宋 body set through w:eastAsia."""
    doc = DocxDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, "{{ agency_name }}", font="宋体", size=22, bold=True, align=center)
    _para(doc, "{{ title }}", font="宋体", size=22, bold=True, align=center)
    _para(doc, "{{ doc_number }}", align=center)
    _para(doc, "{{ addressee }}：")
    _para(doc, "{{ opening }}")
    _para(doc, INTROS[name.removesuffix(".docx")])
    _para(doc, "{%p for line in body %}")
    _para(doc, "{{ line }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if basis %}")
    _para(doc, "法律依据：{{ basis }}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if remedies %}")
    _para(doc, "救济途径：{{ remedies }}")
    _para(doc, "{%p endif %}")
    _para(doc, "联系机构：{{ office }}　{{ contact }}")
    _para(doc, "{{ seal }}", align=right)
    _para(doc, "{{ date_text }}", align=right)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_default_templates(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(exist_ok=True)
    written = []
    for key in INTROS:
        path = directory / f"{key}.docx"
        path.write_bytes(build_template(path.name))
        written.append(path)
    return written
