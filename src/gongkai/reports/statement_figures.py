"""What a report's tables say of each subject a sentence of its text can name (check_statements.py compares).

A subject's figure comes with the values a true statement may give (新收 alone, or with 上年结转; a rate over
办理结果总计 or over 新收), the cell's label and where it is, for the finding's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.statute.outcomes import GROUP_LABELS, Group
from gongkai.statute.report import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    APPLICANT_KEYS,
    DOCUMENT_COLUMN_LABELS,
    DOCUMENT_KIND_LABELS,
    ROW_LABELS,
    where_appeals,
    where_applications,
)

APPEALS = {"review", "litigation", "litigation_direct", "litigation_after_review"}
# The groups of 表四 each names: 行政诉讼 is both kinds of suit
GROUPS_OF = {"review": ("review",), "litigation_direct": ("litigation_direct",),
             "litigation_after_review": ("litigation_after_review",),
             "litigation": ("litigation_direct", "litigation_after_review")}
GROUP_OF = {"granted": Group.GRANTED, "partial": Group.PARTIAL, "denied": Group.DENIED, "unable": Group.UNABLE,
            "not_processed": Group.NOT_PROCESSED, "other_handling": Group.OTHER}
DOC_SUBJECTS = {f"doc.{kind}.{column}" for kind in DOCUMENT_KIND_LABELS for column in DOCUMENT_COLUMN_LABELS}


@dataclass(frozen=True)
class Expected:
    """What the tables say of a subject: the value, the values a true statement may give, and the cell."""

    value: float
    accepted: tuple[float, ...]
    label: str
    where: str
    shown: str = ""  # “6/10” for a rate


def _sum(values) -> float | None:
    values = list(values)
    return None if not values or any(v is None for v in values) else float(sum(values))


def expected(subject: str, apps: dict, appeals: dict, proactive) -> Expected | None:
    """The tables' figure for a subject (None where a cell is unknown)."""
    def row(key, column="total"):
        return apps[key][column]

    def group(prefix):
        return _sum(row(k) for k in apps if k.startswith(prefix) and k != "total")

    new, carried, total = row("new"), row("carried_in"), row("total")
    if subject in ("received", "requests"):
        if new is None:
            return None
        accepted = {new} | ({new + carried} if carried is not None else set())
        if subject == "requests" and total is not None:
            accepted.add(total)
        return Expected(new, tuple(accepted), "本年新收政府信息公开申请数量", where_applications("new", "total"))
    simple = {
        "carried_in": ("carried_in", "上年结转政府信息公开申请数量"),
        "carried_out": ("carried_out", "结转下年度继续办理"),
        "concluded": ("total", "本年度办理结果总计"),
    }
    if subject in simple:
        key, label = simple[subject]
        value = row(key)
        return None if value is None else Expected(value, (value,), label, where_applications(key, "total"))
    if subject.startswith("sum:"):
        parts = [expected(part, apps, appeals, proactive) for part in subject[4:].split("+")]
        if any(part is None for part in parts):
            return None
        value = sum(part.value for part in parts)
        label = "、".join(part.label.removeprefix("办理结果") for part in parts)
        return Expected(value, (value,), f"办理结果{label}之和", "表三 · 三、本年度办理结果 · 总计")
    if subject in GROUP_OF:
        prefix = GROUP_OF[subject].value
        value = group(prefix if prefix in ("granted", "partial") else prefix + ".")
        label = GROUP_LABELS[GROUP_OF[subject]].split("（区分")[0]
        where = f"表三 · 三、本年度办理结果 {label} · 总计"
        return None if value is None else Expected(value, (value,), f"办理结果{label}", where)
    if subject in ("natural", "organisations"):
        columns = ("natural_person",) if subject == "natural" else APPLICANT_KEYS[1:]
        values = [_sum(row(k, c) for c in columns) for k in ("new", "total")]
        if values[0] is None:
            return None
        label = "自然人" if subject == "natural" else "法人或其他组织"
        where = where_applications("new", columns[0]) if subject == "natural" else where_applications("new")
        return Expected(values[0], tuple(v for v in values if v is not None), f"本年新收申请中{label}", where)
    if subject.startswith("row:"):
        key = subject[4:]
        value = row(key)
        label = ROW_LABELS[key].removeprefix("三、本年度办理结果 ")
        return None if value is None else Expected(value, (value,), label, where_applications(key, "total"))
    if subject == "appeals_all":
        value = _sum(appeals[g]["total"] for g in appeals)
        return None if value is None else Expected(value, (value,), "行政复议与行政诉讼合计", "表四 · 总计")
    if subject.split(":")[0] in APPEALS:
        # “行政复议3件” (总计), “其中维持1件” (review:upheld): a column of the groups it names
        appeal, _, column = subject.partition(":")
        groups = GROUPS_OF[appeal]
        value = _sum(appeals[g][column or "total"] for g in groups)
        if value is None:
            return None
        label = "行政诉讼" if appeal == "litigation" else APPEAL_GROUP_LABELS[groups[0]]
        name = APPEAL_COLUMN_LABELS[column or "total"]
        where = f"表四 · 行政诉讼 · {name}" if appeal == "litigation" else where_appeals(groups[0], column or "total")
        return Expected(value, (value,), label + name, where)
    if subject in DOC_SUBJECTS:
        _, kind, column = subject.split(".")
        value = getattr(getattr(proactive, kind), column)
        if value is None:
            return None
        label = f"{DOCUMENT_KIND_LABELS[kind]}{DOCUMENT_COLUMN_LABELS[column]}"
        where = f"表二 · {DOCUMENT_KIND_LABELS[kind]} · {DOCUMENT_COLUMN_LABELS[column]}"
        return Expected(value, (value,), label, where)
    return None


def expected_rate(subject: str, apps: dict) -> Expected | None:
    """A percentage the tables give: 办结率 = 办理结果总计 ÷ (新收 + 上年结转); 公开率 and shares of 办理结果总计."""
    new, carried, total = apps["new"]["total"], apps["carried_in"]["total"], apps["total"]["total"]
    if subject == "rate.completion":
        if None in (new, carried, total) or not new + carried:
            return None
        rate = total * 100 / (new + carried)
        return Expected(rate, (rate,), "办结率", where_applications("total", "total"), f"{total}/{new + carried}")
    if not total:
        return None
    if subject == "rate.grant":
        granted, partial = expected("granted", apps, {}, None), expected("partial", apps, {}, None)
        if granted is None or partial is None:
            return None
        rates = (granted.value * 100 / total, (granted.value + partial.value) * 100 / total)
        return Expected(rates[0], rates, "依申请公开率（予以公开÷办理结果总计）", granted.where,
                        f"{granted.value:.0f}/{total}")
    share = expected(subject, apps, {}, None)
    if share is None:
        return None
    bases = [b for b in (total, new, (new or 0) + (carried or 0)) if b]
    rates = tuple(share.value * 100 / b for b in bases)
    return Expected(rates[0], rates, f"{share.label}占办理结果总计的比例", share.where, f"{share.value:.0f}/{total}")
