"""The annual report as data (annual-report-schema.md) and its arithmetic (勾稽关系).

条例 Art. 50 and 国办公开办函〔2021〕30号 fix the report's content and format; the generator, the
renderers, the parser and the checker all share this one object.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .outcomes import APPLICANT_KEYS, APPLICANT_LABELS, BY_KEY, OUTCOME_KEYS, ApplicantType

SCHEMA_ID = "gongkai.annual-report/1"
COLUMNS: tuple[str, ...] = (*APPLICANT_KEYS, "total")
COLUMN_LABELS: dict[str, str] = {**{t.value: lbl for t, lbl in APPLICANT_LABELS.items()}, "total": "总计"}
ROW_KEYS: tuple[str, ...] = ("new", "carried_in", *OUTCOME_KEYS, "total", "carried_out")
ROW_LABELS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    **{key: "三、本年度办理结果 " + BY_KEY[key].full_label for key in OUTCOME_KEYS},
    "total": "三、本年度办理结果 （七）总计",
    "carried_out": "四、结转下年度继续办理",
}
APPEAL_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
APPEAL_GROUP_LABELS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
APPEAL_RESULTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
APPEAL_COLUMNS: tuple[str, ...] = (*APPEAL_RESULTS, "total")
APPEAL_COLUMN_LABELS = {
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计",
}
DOCUMENT_KINDS = ("regulations", "normative_documents")
DOCUMENT_KIND_LABELS = {"regulations": "规章", "normative_documents": "行政规范性文件"}
DOCUMENT_COLUMNS = ("issued", "repealed", "in_force")
DOCUMENT_COLUMN_LABELS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
DECISION_KINDS = ("licensing", "penalty", "coercion")
DECISION_LABELS = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
SECTION_KEYS = ("overview", "problems", "other")
SECTION_TITLES = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

Cell = int | None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    where: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": str(self.severity), "message": self.message, "where": self.where}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(data["code"], Severity(data["severity"]), data["message"], data.get("where"))


@dataclass
class DocumentCounts:
    issued: Cell = 0
    repealed: Cell = 0
    in_force: Cell = 0


@dataclass
class Proactive:
    regulations: DocumentCounts = field(default_factory=DocumentCounts)
    normative_documents: DocumentCounts = field(default_factory=DocumentCounts)
    licensing: Cell = 0
    penalty: Cell = 0
    coercion: Cell = 0
    fees_10k_yuan: float | None = 0.0


@dataclass
class Sections:
    overview: str | None = None
    problems: str | None = None
    other: str | None = None


def zero_row(columns: Iterable[str] = COLUMNS) -> dict[str, Cell]:
    return dict.fromkeys(columns, 0)


def zero_applications() -> dict[str, dict[str, Cell]]:
    return {key: zero_row() for key in ROW_KEYS}


def zero_appeals() -> dict[str, dict[str, Cell]]:
    return {group: zero_row(APPEAL_COLUMNS) for group in APPEAL_GROUPS}


@dataclass
class Report:
    agency: str | None
    year: int | None
    format: str = "2021"
    published_on: date | None = None
    sections: Sections = field(default_factory=Sections)
    proactive: Proactive = field(default_factory=Proactive)
    applications: dict[str, dict[str, Cell]] = field(default_factory=zero_applications)
    appeals: dict[str, dict[str, Cell]] = field(default_factory=zero_appeals)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The schema's JSON object (statute/annual-report.schema.json)."""
        return {
            "schema": SCHEMA_ID,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "sections": dataclasses.asdict(self.sections),
            "proactive": {
                **{kind: dataclasses.asdict(getattr(self.proactive, kind)) for kind in DOCUMENT_KINDS},
                **{kind: getattr(self.proactive, kind) for kind in DECISION_KINDS},
                "fees_10k_yuan": self.proactive.fees_10k_yuan,
            },
            "applications": {key: dict(self.applications[key]) for key in ROW_KEYS},
            "appeals": {group: dict(self.appeals[group]) for group in APPEAL_GROUPS},
            "findings": [f.to_json() for f in self.findings],
        }

    def dumps(self, **kwargs: Any) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        if data.get("schema") != SCHEMA_ID:
            raise ValueError(f"不是年度报告数据（schema 应为 {SCHEMA_ID}）")
        proactive = data["proactive"]
        published = data.get("published_on")
        return cls(
            agency=data.get("agency"),
            year=data.get("year"),
            format=data.get("format", "2021"),
            published_on=date.fromisoformat(published) if published else None,
            sections=Sections(**{key: data["sections"].get(key) for key in SECTION_KEYS}),
            proactive=Proactive(
                regulations=DocumentCounts(**proactive["regulations"]),
                normative_documents=DocumentCounts(**proactive["normative_documents"]),
                licensing=proactive["licensing"],
                penalty=proactive["penalty"],
                coercion=proactive["coercion"],
                fees_10k_yuan=proactive["fees_10k_yuan"],
            ),
            applications={key: {c: data["applications"][key][c] for c in COLUMNS} for key in ROW_KEYS},
            appeals={g: {c: data["appeals"][g][c] for c in APPEAL_COLUMNS} for g in APPEAL_GROUPS},
            findings=[Finding.from_json(f) for f in data.get("findings", [])],
        )

    @classmethod
    def loads(cls, text: str) -> Report:
        return cls.from_json(json.loads(text))

    def cells(self) -> Iterable[tuple[str, Cell | float]]:
        """Every number of the report with a Chinese description of its place."""
        for kind in DOCUMENT_KINDS:
            counts = getattr(self.proactive, kind)
            for col in DOCUMENT_COLUMNS:
                yield f"表二 · {DOCUMENT_KIND_LABELS[kind]} · {DOCUMENT_COLUMN_LABELS[col]}", getattr(counts, col)
        for kind in DECISION_KINDS:
            yield f"表二 · {DECISION_LABELS[kind]} · 本年处理决定数量", getattr(self.proactive, kind)
        yield "表二 · 行政事业性收费 · 本年收费金额（万元）", self.proactive.fees_10k_yuan
        for row in ROW_KEYS:
            for col in COLUMNS:
                yield where_applications(row, col), self.applications[row][col]
        for group in APPEAL_GROUPS:
            for col in APPEAL_COLUMNS:
                yield where_appeals(group, col), self.appeals[group][col]


def where_applications(row: str, column: str | None = None) -> str:
    place = f"表三 · {ROW_LABELS[row]}"
    return f"{place} · {COLUMN_LABELS[column]}" if column else place


def where_appeals(group: str, column: str | None = None) -> str:
    place = f"表四 · {APPEAL_GROUP_LABELS[group]}"
    return f"{place} · {APPEAL_COLUMN_LABELS[column]}" if column else place


def _sum(values: Iterable[Cell]) -> int | None:
    """The sum, or None when any addend cannot be read (the checker reports those separately)."""
    values = list(values)
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def check_balance(report: Report) -> list[Finding]:
    """国办公开办函〔2021〕30号 表三 header: 第一项加第二项之和，等于第三项加第四项之和 (per column)."""
    apps, findings = report.applications, []
    for col in COLUMNS:
        left = _sum([apps["new"][col], apps["carried_in"][col]])
        right = _sum([apps["total"][col], apps["carried_out"][col]])
        if left is not None and right is not None and left != right:
            findings.append(Finding(
                "balance", Severity.ERROR,
                f"{COLUMN_LABELS[col]}列：新收{apps['new'][col]} + 上年结转{apps['carried_in'][col]} = {left}，"
                f"不等于办理结果总计{apps['total'][col]} + 结转下年{apps['carried_out'][col]} = {right}",
                f"表三 · {COLUMN_LABELS[col]}",
            ))
    return findings


def check_outcome_sum(report: Report) -> list[Finding]:
    """表三: （七）总计 is the sum of the 21 outcome rows, per column."""
    apps, findings = report.applications, []
    for col in COLUMNS:
        expected = _sum(apps[key][col] for key in OUTCOME_KEYS)
        stated = apps["total"][col]
        if expected is not None and stated is not None and expected != stated:
            findings.append(Finding(
                "outcome_sum", Severity.ERROR,
                f"{COLUMN_LABELS[col]}列：各项办理结果之和为{expected}，但（七）总计填写{stated}",
                where_applications("total", col),
            ))
    return findings


def check_column_sum(report: Report) -> list[Finding]:
    """表三: in every row 总计 equals the sum of the six applicant columns."""
    findings = []
    for row in ROW_KEYS:
        cells = report.applications[row]
        expected = _sum(cells[col] for col in APPLICANT_KEYS)
        if expected is not None and cells["total"] is not None and expected != cells["total"]:
            findings.append(Finding(
                "column_sum", Severity.ERROR,
                f"“{ROW_LABELS[row]}”一行：各类申请人之和为{expected}，但总计填写{cells['total']}",
                where_applications(row, "total"),
            ))
    return findings


def check_appeal_sum(report: Report) -> list[Finding]:
    """表四: in each group 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    findings = []
    for group in APPEAL_GROUPS:
        cells = report.appeals[group]
        expected = _sum(cells[col] for col in APPEAL_RESULTS)
        if expected is not None and cells["total"] is not None and expected != cells["total"]:
            findings.append(Finding(
                "appeal_sum", Severity.ERROR,
                f"{APPEAL_GROUP_LABELS[group]}：维持、纠正、其他、尚未审结之和为{expected}，但总计填写{cells['total']}",
                where_appeals(group, "total"),
            ))
    return findings


def check_counts(report: Report) -> list[Finding]:
    """Every count is a whole number ≥ 0; the fee amount is a number ≥ 0."""
    findings = []
    for where, value in report.cells():
        if value is None:
            continue
        is_fee = where.startswith("表二 · 行政事业性收费")
        valid = (isinstance(value, int | float) and not isinstance(value, bool)) if is_fee else (
            isinstance(value, int) and not isinstance(value, bool))
        if not valid or value < 0:
            kind = "非负数" if is_fee else "非负整数"
            findings.append(Finding("counts", Severity.ERROR, f"{where}应为{kind}，实际为{value!r}", where))
    return findings


ARITHMETIC_CHECKS = (check_counts, check_balance, check_outcome_sum, check_column_sum, check_appeal_sum)


def check_arithmetic(report: Report) -> list[Finding]:
    """All the arithmetic rules of annual-report-schema.md, in a stable order."""
    return [finding for check in ARITHMETIC_CHECKS for finding in check(report)]


@dataclass(frozen=True)
class RequestFact:
    """What the report needs of one request: who asked, when it came in, when and how it ended."""

    applicant_type: ApplicantType | str
    received_year: int
    closed_year: int | None = None
    outcome: str | None = None


def tally_applications(facts: Iterable[RequestFact], year: int) -> dict[str, dict[str, Cell]]:
    """表三 from request facts: a request closed in the year counts once, in its outcome row."""
    apps = zero_applications()

    def add(row: str, col: str) -> None:
        apps[row][col] += 1  # type: ignore[operator]
        apps[row]["total"] += 1  # type: ignore[operator]

    for fact in facts:
        col = str(fact.applicant_type)
        open_at_start = fact.received_year < year and (fact.closed_year is None or fact.closed_year >= year)
        if fact.received_year == year:
            add("new", col)
        elif open_at_start:
            add("carried_in", col)
        else:
            continue
        if fact.closed_year == year:
            add(BY_KEY[fact.outcome].key if fact.outcome else "other.other", col)
            add("total", col)
        elif fact.closed_year is None or fact.closed_year > year:
            add("carried_out", col)
    return apps
