"""First drafts of sections 一, 五 and 六 from the records; people then edit them (every save is a version)."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Count

from gongkai.statute.outcomes import BY_KEY, GROUP_LABELS
from gongkai.statute.report import Report, Sections

from .build import FeeSummary, fee_summary
from .sources import model_or_none

FEE_RULE = ("按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"
            "规定的按件、按量收费标准，")


def channel_counts(agency, year: int) -> list[tuple[str, int]]:
    """(channel name, items posted there in the year), largest first — one GROUP BY over Publication."""
    Publication = model_or_none("catalog.Publication")
    if Publication is None:
        return []
    rows = Publication.objects.filter(channel__agency=agency, posted_on__year=year).values("channel__name") \
        .annotate(n=Count("item", distinct=True)).order_by("-n", "channel__name")
    return [(r["channel__name"], r["n"]) for r in rows]


def column_counts(agency, year: int) -> list[tuple[str, int]]:
    """(column name, items published in the year) over published catalog items."""
    Item = model_or_none("catalog.Item")
    if Item is None:
        return []
    rows = Item.objects.filter(agency=agency, state="published", published_at__year=year) \
        .values("columns__name").annotate(n=Count("pk")).filter(columns__name__isnull=False).order_by("-n")
    return [(r["columns__name"], r["n"]) for r in rows]


def selfcheck_findings(agency, year: int) -> list[str]:
    try:
        from gongkai.catalog.selfcheck import run_selfcheck
    except ImportError:
        return []
    try:
        findings = run_selfcheck(agency, date(year, 12, 31))
    except Exception:  # the self-inspection is advisory; a failure there must not block the report draft
        return []
    return [str(getattr(f, "message", f)) for f in findings]


KIND_ORDER = ("portal", "trading", "procurement", "new_media", "board")


def channel_column_counts(agency, year: int) -> list[tuple[str, str | None, int]]:
    """(channel, column, items posted) for the year, as the seed report words it: one GROUP BY."""
    Publication = model_or_none("catalog.Publication")
    if Publication is None:
        return []
    rows = Publication.objects.filter(channel__agency=agency, posted_on__year=year) \
        .values("channel__name", "channel__kind", "item__columns__name").annotate(n=Count("item", distinct=True)) \
        .order_by("-n", "item__columns__name")
    rows = sorted(rows, key=lambda r: KIND_ORDER.index(r["channel__kind"]) if r["channel__kind"] in KIND_ORDER else 9)
    return [(r["channel__name"], r["item__columns__name"], r["n"]) for r in rows]


def proactive_sentence(agency, year: int) -> str:
    rows = channel_column_counts(agency, year)
    if not rows:
        return f"{year}年度平台未记录主动公开信息的发布。"
    parts = [f"在{channel}公开{'“' + column + '”' if column else ''}信息{n}条" for channel, column, n in rows]
    total = sum(n for _, n in channel_counts(agency, year))
    return f"{year}年度共发布信息{total}条次：" + "，".join(parts) + "。"


def _outcome_words(key: str) -> str:
    """“部分公开”, “不予公开（保护第三方合法权益）” — the group, then the sub-item where there is one."""
    outcome = BY_KEY[key]
    group = GROUP_LABELS[outcome.group][3:].split("（")[0]
    return group if outcome.number == 0 else f"{group}（{outcome.label}）"


def requests_sentences(report: Report) -> str:
    """表三 and 表四 in words, from the given (frozen) numbers."""
    apps, year = report.applications, report.year
    new, carried_in = apps["new"]["total"], apps["carried_in"]["total"]
    if not (new or carried_in):
        return f"{year}年我单位未收到政府信息公开申请。"
    text = f"{year}年共新收政府信息公开申请{new}件，上年结转{carried_in}件，办结{apps['total']['total']}件"
    ended = [(_outcome_words(k), apps[k]["total"]) for k in BY_KEY if apps[k]["total"]]
    if ended:
        text += "，其中" + "，".join(f"{label}{n}件" for label, n in ended)
    text += f"；结转下年度继续办理{apps['carried_out']['total']}件。"
    appeals = sum(report.appeals[g]["total"] for g in report.appeals)
    if appeals:
        return text + f"因政府信息公开被申请行政复议、提起行政诉讼共{appeals}件。"
    return text + "未发生因政府信息公开引起的行政复议、行政诉讼。"


def supervision_sentence(findings: list[str]) -> str:
    # The self-inspection runs as at 31 December: what it finds is open then, so the sentence claims no
    # rectification (section 五 lists the findings as existing problems; the checker flags a contradiction).
    if findings:
        return f"年度自查发现问题{len(findings)}项，具体见“五、存在的主要问题及改进情况”。"
    return "对已公开信息定期开展自查，未发现需要整改的问题。"


# Staff fill these in; the checker (check_narrative.check_placeholders) refuses a report that still has one.
PLACEHOLDER = "（请根据本年度工作实际填写。）"


def draft_sections(agency, report: Report) -> Sections:
    year = report.year
    findings = selfcheck_findings(agency, year)
    channels = channel_counts(agency, year)
    platform = ("通过" + "、".join(n for n, _ in channels) + "等渠道公开政府信息。") if channels \
        else "依托政府门户网站信息公开专栏公开政府信息。"
    overview = "\n".join([
        "（一）主动公开情况。" + proactive_sentence(agency, year),
        "（二）依申请公开情况。" + requests_sentences(report),
        "（三）政府信息管理情况。严格落实信息发布“三审”制度，公开前逐条审核，确保发布信息准确、规范。",
        "（四）平台建设情况。" + platform,
        "（五）监督保障情况。" + supervision_sentence(findings),
    ])
    found = "；".join(findings[:5]) + "。" if findings else PLACEHOLDER
    problems = "（一）存在问题：" + found + "\n（二）改进措施：" + PLACEHOLDER
    return Sections(overview=overview, problems=problems, other=fee_paragraph(fee_summary([agency], year), year))


# --- the data-driven sentences, regenerated from the frozen numbers at each review step ---------------
# Each pattern matches the sentence draft_sections wrote, whatever numbers it holds (also when someone
# edited a number by hand); the rest of the text, which staff wrote, stays as it is.

_PROACTIVE = re.compile(r"\d{4}年度(?:共发布信息\d+条次：[^。]*|平台未记录主动公开信息的发布)。")
_REQUESTS = re.compile(
    r"\d{4}年(?:我单位未收到政府信息公开申请|共新收政府信息公开申请\d+件，上年结转\d+件，办结\d+件[^。；]*"
    r"；结转下年度继续办理\d+件)。"
    r"(?:因政府信息公开被申请行政复议、提起行政诉讼共\d+件。|未发生因政府信息公开引起的行政复议、行政诉讼。)?")
_SUPERVISION = re.compile(r"年度自查发现问题\d+项，[^。]*。|对已公开信息定期开展自查，未发现需要整改的问题。")
# Every form fee_paragraph writes, with its second sentence: refreshing must replace the whole paragraph
# (matching only the first sentence added "本年度共向N件申请发出收费通知。" once more at each review step).
_FEE = re.compile("我单位" + re.escape(FEE_RULE)
                  + r"(?:\d{4}年度共收取信息处理费\d+元（\d+件）。(?:本年度共向\d+件申请发出收费通知。)*"
                  + r"|\d{4}年度向\d+件政府信息公开申请发出收费通知，申请人未缴纳，未收取信息处理费。"
                  + r"|本年度没有产生信息公开处理费，未收取信息处理费。)")


def refresh_sections(agency, report: Report, sections: Sections) -> Sections:
    """The sections with each data-driven sentence rewritten from `report`'s numbers (the frozen tables)."""
    year = report.year
    overview = _replace(_PROACTIVE, proactive_sentence(agency, year), sections.overview or "")
    overview = _replace(_REQUESTS, requests_sentences(report), overview)
    overview = _replace(_SUPERVISION, supervision_sentence(selfcheck_findings(agency, year)), overview)
    other = _replace(_FEE, fee_paragraph(fee_summary([agency], year), year), sections.other or "")
    return Sections(overview=overview, problems=sections.problems or "", other=other)


def _replace(pattern: re.Pattern, sentence: str, text: str) -> str:
    return pattern.sub(lambda _: sentence, text)


def fee_paragraph(summary: FeeSummary, year: int) -> str:
    """Section 六's fee sentence, counted in requests; "没有产生" only when no fee notice went out at all."""
    if summary.paid_yuan:
        text = f"我单位{FEE_RULE}{year}年度共收取信息处理费{summary.paid_yuan}元（{summary.paid_count}件）。"
        if summary.notices > summary.paid_count:
            text += f"本年度共向{summary.notices}件申请发出收费通知。"
        return text
    if summary.notices:
        return (f"我单位{FEE_RULE}{year}年度向{summary.notices}件政府信息公开申请发出收费通知，"
                "申请人未缴纳，未收取信息处理费。")
    return f"我单位{FEE_RULE}本年度没有产生信息公开处理费，未收取信息处理费。"
