"""Deadlines the law sets for the agency in a case: the written answer to a 行政复议 (行政复议法 Art. 48)."""

from dataclasses import dataclass
from datetime import date

from gongkai.statute.clock import CalendarYearMissing, review_answer_due

from .models import Appeal, AppealKind


@dataclass(frozen=True)
class AnswerDeadline:
    due: date | None
    explanation: str
    warning: str = ""
    overdue: bool = False


def answer_deadline(appeal: Appeal, calendar, *, today: date) -> AnswerDeadline | None:
    """The 10-working-day answer deadline of a 复议 once the copy of the application has arrived, else None.

    行政复议法 (2023) 第四十八条: 被申请人应当自收到申请书副本或者行政复议申请笔录复印件之日起十日内提出书面答复;
    第八十八条第二款: 十日 means working days; the day of receipt is not counted (第八十八条第一款)."""
    if appeal.kind != AppealKind.REVIEW or appeal.copy_received_on is None:
        return None
    received = appeal.copy_received_on
    try:
        due = review_answer_due(received, calendar)
    except CalendarYearMissing as exc:
        return AnswerDeadline(None, "", warning=f"{exc.year}年节假日安排未录入，答复期限暂无法计算")
    explanation = (f"{received.isoformat()} 收到申请书副本，次日起算10个工作日（行政复议法第四十八条、"
                   f"第八十八条第二款），最后一日为 {due.isoformat()}")
    overdue = appeal.answered_on is None and today > due
    return AnswerDeadline(due, explanation, overdue=overdue)
