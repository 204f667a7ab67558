"""Records dated into a year whose annual report is already published (条例 Art. 49–50; the report is fixed).

A receipt, a closing or a fee record dated into such a year changes that year's published figures (a
request received in 2025 but registered after the 2025 report was published: the 2025 report says 1
carried out while the 2026 report carries 2 in). Such a record is refused, unless the staff member gives a
correction reason: then it is recorded as an audited correction and the published report is flagged as
needing a 更正, with a finding naming each figure it changed.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError

from .models import EventKind as K
from .models import State
from .transitions import TRANSITIONS

# The moves whose date decides a figure of the year's report: the receipt date (新收 / 上年结转), the
# closing date and outcome (办结 / 结转下年), and the fee notice and payment (section 六).
_CLOSING = {kind for moves in TRANSITIONS.values() for kind, target in moves.items() if target == State.CLOSED}
REPORTED_KINDS = frozenset({K.REGISTERED, K.CONFIRMED, K.FEE_NOTIFIED, K.FEE_CORRECTED, K.FEE_PAID} | _CLOSING)


def published_report(agency, year: int):
    from gongkai.reports.corrections import published_report as find

    return find(agency, year)


def check_open_year(agency, *, day: date, what: str, correction_reason: str = ""):
    """The published report `day` reaches into (the record is then a correction), or None; refuses without a reason."""
    report = published_report(agency, day.year)
    if report is None:
        return None
    if not correction_reason.strip():
        published = f"已于{report.published_on.isoformat()}发布" if report.published_on else "已发布"
        raise DomainError(
            f"{day.year}年度政府信息公开工作年度报告{published}，不能再记录日期在该年度内的“{what}”"
            f"（{day.isoformat()}）。确需补录的，请填写更正理由：本记录将作为更正记入审计记录，"
            f"该年度报告将标记为需要更正", field="correction_reason")
    return report


def record_correction(report, *, obj, what: str, day: date, correction_reason: str, actor,
                      action: str = "requests.published_year.corrected") -> None:
    """Audit the accepted correction and flag the published report (call after the record is written)."""
    from gongkai.reports.corrections import flag_needs_correction

    cause = (f"{obj}：{day.year}年度报告发布后补录“{what}”，日期{day.isoformat()}；"
             f"更正理由：{correction_reason.strip()}")
    log_action(action, actor=actor, obj=obj,
               data={"year": day.year, "what": what, "day": day.isoformat(), "reason": correction_reason.strip(),
                     "report": report.pk})
    flag_needs_correction(report=report, cause=cause, actor=actor)
