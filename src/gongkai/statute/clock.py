"""Working-day deadlines of the 政府信息公开条例 as pure values.

The calendar is always passed in (style rule 9): nothing here reads a global calendar, so a test or
the Django adapter decides which years, holidays and make-up working days (调休上班日) exist. A year the
calendar does not know is an error naming the year, never a guess from weekdays (domain.md A §4).

Counting convention (domain.md A §1): the day of the event is never counted, whatever weekday it is;
a period of N working days ends at the end of the N-th working day after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

REPLY_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20
SUPPLEMENT_NOTICE_WORKDAYS = 7
CONSULTATION_WORKDAYS = 15
FEE_PAYMENT_WORKDAYS = 20
PUBLICATION_WORKDAYS = 20
REVIEW_ANSWER_WORKDAYS = 10

_ONE_DAY = timedelta(days=1)


class CalendarYearMissing(Exception):
    """Raised by a calendar asked about a year whose holiday schedule it does not hold."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年节假日安排未录入，无法计算工作日")


class WorkdayCalendar(Protocol):
    def is_workday(self, day: date) -> bool:
        """True on a working day; raises CalendarYearMissing for a year it does not know."""
        ...


class SetCalendar:
    """Monday–Friday, corrected by explicit holidays and make-up working days, for known years only."""

    def __init__(
        self,
        years: Iterable[int],
        extra_workdays: Iterable[date] = (),
        extra_holidays: Iterable[date] = (),
    ):
        self.years = frozenset(years)
        self.extra_workdays = frozenset(extra_workdays)
        self.extra_holidays = frozenset(extra_holidays)
        both = self.extra_workdays & self.extra_holidays
        if both:
            raise ValueError(f"同一日期不能既是节假日又是调休上班日：{min(both).isoformat()}")

    def is_workday(self, day: date) -> bool:
        if day.year not in self.years:
            raise CalendarYearMissing(day.year)
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5


# --- plain working-day arithmetic -------------------------------------------------------------


def _workdays_after(start: date, calendar: WorkdayCalendar) -> Iterator[date]:
    day = start
    while True:
        day += _ONE_DAY
        if calendar.is_workday(day):
            yield day


def add_workdays(start: date, n: int, calendar: WorkdayCalendar) -> date:
    """Domain A §1: the n-th working day after start; start itself is never counted."""
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    return _nth_workday_skipping(start, n, frozenset(), calendar)


def workdays_between(a: date, b: date, calendar: WorkdayCalendar) -> int:
    """Domain A §1: the number of working days d with a < d <= b (0 when b <= a)."""
    return len(_workdays_in(a, b, calendar))


def _nth_workday_skipping(start: date, n: int, skipped: frozenset[date], calendar: WorkdayCalendar) -> date:
    # The n-th working day after start that is not a paused day; a paused day is a working day the
    # clock did not run on, so the result is always a working day outside every pause.
    if n == 0:
        return start
    remaining = n
    for day in _workdays_after(start, calendar):
        if day not in skipped:
            remaining -= 1
            if remaining == 0:
                return day
    raise AssertionError("unreachable")  # pragma: no cover


def _workdays_in(first_excluded: date, last_included: date, calendar: WorkdayCalendar) -> set[date]:
    days: set[date] = set()
    day = first_excluded + _ONE_DAY
    while day <= last_included:
        if calendar.is_workday(day):
            days.add(day)
        day += _ONE_DAY
    return days


# --- single-period rules ----------------------------------------------------------------------


def supplement_notice_due(received: date, calendar: WorkdayCalendar) -> date:
    """条例 Art. 30: the one-time 补正 notice is due within 7 working days of receipt."""
    return add_workdays(received, SUPPLEMENT_NOTICE_WORKDAYS, calendar)


def consultation_due(sent: date, calendar: WorkdayCalendar) -> date:
    """条例 Arts. 32, 34: a consulted third party or agency answers within 15 working days."""
    return add_workdays(sent, CONSULTATION_WORKDAYS, calendar)


def fee_payment_due(notified: date, calendar: WorkdayCalendar) -> date:
    """国办函〔2020〕109号: the fee is payable within 20 working days of receiving the notice."""
    return add_workdays(notified, FEE_PAYMENT_WORKDAYS, calendar)


def publication_due(made: date, calendar: WorkdayCalendar) -> date:
    """条例 Art. 26: proactive information is published within 20 working days of being made or changed."""
    return add_workdays(made, PUBLICATION_WORKDAYS, calendar)


def review_answer_due(copy_received: date, calendar: WorkdayCalendar) -> date:
    """行政复议法 (2023) Art. 48: the 被申请人 answers in writing 自收到申请书副本或者行政复议申请笔录复印件之日起
    十日内. Art. 88 ¶2 makes its 十日 periods working days, and Art. 88 ¶1 (民事诉讼法 Art. 85) leaves the day of
    receipt uncounted: the 10th working day after the copy arrived."""
    return add_workdays(copy_received, REVIEW_ANSWER_WORKDAYS, calendar)


def report_deadline(year: int, *, county_or_above_government: bool) -> date:
    """条例 Art. 49: a department's annual report by 31 January, a county-or-above government's by 31 March."""
    return date(year + 1, 3, 31) if county_or_above_government else date(year + 1, 1, 31)


# --- the reply clock of one request -----------------------------------------------------------


class ClockEvent(StrEnum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    CONSULTATION_OPENED = "consultation_opened"
    CONSULTATION_ANSWERED = "consultation_answered"
    EXTENDED = "extended"
    FEE_NOTIFIED = "fee_notified"
    FEE_CORRECTED = "fee_corrected"
    FEE_PAID = "fee_paid"


@dataclass(frozen=True)
class DatedEvent:
    kind: ClockEvent
    day: date
    key: str | None = None  # matches a consultation (or fee notice) with its answer (or payment)
    days: int | None = None  # working days granted by an extension


@dataclass(frozen=True)
class DueDate:
    due: date | None  # None while no clock runs (补正 outstanding)
    running: bool  # False while stopped (补正) or paused (open consultation or unpaid fee)
    explanation: list[str] = field(default_factory=list)
    paused_workdays: int = 0
    extension_workdays: int = 0


@dataclass
class _Pause:
    kind: ClockEvent  # CONSULTATION_OPENED or FEE_NOTIFIED
    key: str | None
    opened: date
    limit: date
    closed: date | None = None  # last paused day: the answer day, or the limit if no answer by then
    answered: bool = False


_PAUSE_CLOSERS = {
    ClockEvent.CONSULTATION_ANSWERED: ClockEvent.CONSULTATION_OPENED,
    ClockEvent.FEE_PAID: ClockEvent.FEE_NOTIFIED,
}
_PAUSE_LABELS = {ClockEvent.CONSULTATION_OPENED: "征求意见", ClockEvent.FEE_NOTIFIED: "收费通知至缴费"}


class _ReplyClock:
    """Replays a request's events in date order and writes one explanation line per step.

    Each line's due date counts only the pauses already told in earlier lines, so the lines read as
    a story: every "顺延N个工作日" moves the previous line's date, and the last line gives the result.
    """

    def __init__(self, calendar: WorkdayCalendar, *, fee_pause: bool, today: date | None):
        self.calendar = calendar
        self.fee_pause = fee_pause
        self.today = today
        self.start: date | None = None  # receipt, or arrival of the 补正 (Art. 30 restart)
        self.awaiting_supplement = False
        self.supplement_requested = False
        self.extension = 0
        self.pauses: list[_Pause] = []
        self.told: list[_Pause] = []  # pauses whose days are already in an explanation line
        self.lines: list[str] = []

    def _pause_end(self, pause: _Pause) -> date:
        # An unfinished pause runs to today, or to its limit when today is unknown (a projection).
        if pause.closed is not None:
            return pause.closed
        return pause.limit if self.today is None else min(pause.limit, self.today)

    def _paused_days(self, pauses: Iterable[_Pause]) -> set[date]:
        # Working days after the opening day up to the pause's end, and never before the current
        # start. Overlapping pauses share a day only once because the days are collected in a set.
        assert self.start is not None
        days: set[date] = set()
        for pause in pauses:
            days |= _workdays_in(max(pause.opened, self.start), self._pause_end(pause), self.calendar)
        return days

    def _due(self, pauses: Iterable[_Pause]) -> date:
        assert self.start is not None
        paused = frozenset(self._paused_days(pauses))
        return _nth_workday_skipping(self.start, REPLY_WORKDAYS + self.extension, paused, self.calendar)

    def _say(self, text: str) -> None:
        self.lines.append(text)

    def apply(self, event: DatedEvent) -> None:
        if self.start is None and event.kind != ClockEvent.RECEIVED:
            raise ValueError(f"{event.day.isoformat()} 的事件早于收到申请，无法计算答复期限")
        self._expire_before(event.day)
        kind = ClockEvent(event.kind)  # also accepts the plain string stored in a database row
        getattr(self, f"_on_{kind.value}")(event)

    def _on_received(self, event: DatedEvent) -> None:
        if self.start is not None:
            raise ValueError("同一申请只能有一个收到申请日期")
        self.start = event.day
        due = self._due(self.told).isoformat()
        self._say(f"{event.day.isoformat()} 收到申请，答复期限起算：{REPLY_WORKDAYS}个工作日 → {due}")

    def _on_supplement_requested(self, event: DatedEvent) -> None:
        if self.supplement_requested:
            raise ValueError("补正通知应一次性发出（条例第三十条），不能再次要求补正")
        self.supplement_requested = self.awaiting_supplement = True
        self._say(f"{event.day.isoformat()} 发出补正通知，答复期限暂停，待申请人补正")

    def _on_supplement_received(self, event: DatedEvent) -> None:
        if not self.awaiting_supplement:
            raise ValueError(f"{event.day.isoformat()} 收到补正材料，但此前没有发出补正通知")
        self.awaiting_supplement = False
        self.start = event.day
        due = self._due(self.told).isoformat()
        self._say(f"{event.day.isoformat()} 收到补正材料，答复期限重新起算：{REPLY_WORKDAYS}个工作日 → {due}")

    def _on_extended(self, event: DatedEvent) -> None:
        if self.extension:
            raise ValueError("答复期限只能延长一次（条例第三十三条）")
        if event.days is None or not 1 <= event.days <= MAX_EXTENSION_WORKDAYS:
            raise ValueError(f"延长答复期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日，收到：{event.days}")
        self.extension = event.days
        due = "补正后确定" if self.awaiting_supplement else self._due(self.told).isoformat()
        self._say(f"{event.day.isoformat()} 经负责人同意延长答复期限{event.days}个工作日 → {due}")

    def _on_consultation_opened(self, event: DatedEvent) -> None:
        self._open_pause(event, consultation_due(event.day, self.calendar), "发出征求意见函")

    def _on_fee_notified(self, event: DatedEvent) -> None:
        limit = fee_payment_due(event.day, self.calendar)
        if self.fee_pause:
            self._open_pause(event, limit, "申请人收到收费通知")
        else:
            self._say(f"{event.day.isoformat()} 申请人收到收费通知，缴费期限至 {limit.isoformat()}（答复期限不暂停）")

    def _on_fee_corrected(self, event: DatedEvent) -> None:
        # 109号: the applicant pays within 20 working days of receiving the notice; a corrected notice is
        # the one to pay, so the payment period runs again from its receipt.
        limit = fee_payment_due(event.day, self.calendar)
        if not self.fee_pause:
            self._say(f"{event.day.isoformat()} 申请人收到更正后的收费通知，"
                      f"缴费期限至 {limit.isoformat()}（答复期限不暂停）")
            return
        open_fees = [p for p in self.pauses if p.kind == ClockEvent.FEE_NOTIFIED and p.closed is None]
        if len(open_fees) != 1:
            raise ValueError(f"{event.day.isoformat()} 更正收费通知，但没有尚未缴费的收费通知")
        open_fees[0].limit = limit
        self._say(f"{event.day.isoformat()} 申请人收到更正后的收费通知，答复期限继续暂停，最迟至 {limit.isoformat()}")

    def _open_pause(self, event: DatedEvent, limit: date, label: str) -> None:
        if any(p.kind == event.kind and p.key == event.key and p.closed is None for p in self.pauses):
            raise ValueError(f"{_PAUSE_LABELS[event.kind]}（{event.key or '未编号'}）尚未结束，不能重复开始")
        self.pauses.append(_Pause(event.kind, event.key, event.day, limit))
        key = f"（{event.key}）" if event.key else ""
        self._say(f"{event.day.isoformat()} {label}{key}，答复期限暂停，最迟至 {limit.isoformat()}")

    def _on_consultation_answered(self, event: DatedEvent) -> None:
        self._close_pause(event)

    def _on_fee_paid(self, event: DatedEvent) -> None:
        if self.fee_pause:
            self._close_pause(event)
        else:
            self._say(f"{event.day.isoformat()} 申请人缴费")

    def _close_pause(self, event: DatedEvent) -> None:
        pause = self._matching_pause(event)
        pause.answered = True
        if pause.closed is not None:  # the limit passed earlier and the pause was already told
            late = "逾期答复" if pause.kind == ClockEvent.CONSULTATION_OPENED else "逾期缴费（经负责人同意接受）"
            self._say(f"{event.day.isoformat()} {late}{_pause_key(pause)}，不再顺延")
            return
        pause.closed = event.day
        self._tell(pause, f"{pause.opened.isoformat()} 至 {event.day.isoformat()}")

    def _matching_pause(self, event: DatedEvent) -> _Pause:
        opener = _PAUSE_CLOSERS[event.kind]
        candidates = [p for p in self.pauses if p.kind == opener and not p.answered]
        if event.key is not None:
            candidates = [p for p in candidates if p.key == event.key]
        if len(candidates) != 1:
            what = "征求意见答复" if opener == ClockEvent.CONSULTATION_OPENED else "缴费"
            raise ValueError(
                f"{event.day.isoformat()} 的{what}无法对应到唯一一个未结束的事项（编号：{event.key or '未填'}）"
            )
        return candidates[0]

    def _expire_before(self, day: date) -> None:
        # A consultation unanswered (or a fee unpaid) at its limit stops pausing the clock there.
        for pause in self.pauses:
            if pause.closed is None and pause.limit < day:
                pause.closed = pause.limit
                what = "未收到答复" if pause.kind == ClockEvent.CONSULTATION_OPENED else "未缴费"
                self._tell(pause, f"{pause.opened.isoformat()} 至 {pause.limit.isoformat()} 期限届满{what}")

    def _tell(self, pause: _Pause, span: str, suffix: str = "") -> None:
        before = self._paused_days(self.told)
        self.told.append(pause)
        due = self._due(self.told)
        # Only new paused days up to the due date moved it: a day an earlier pause already covers,
        # or a pause that began after the deadline, moves nothing.
        added = sum(1 for d in self._paused_days([pause]) - before if d <= due)
        label = _PAUSE_LABELS[pause.kind] + _pause_key(pause)
        self._say(f"{label} {span}，不计入答复期限：顺延{added}个工作日 → {due.isoformat()}{suffix}")

    def finish(self) -> DueDate:
        if self.start is None:
            raise ValueError("没有收到申请的日期，无法计算答复期限")
        if self.awaiting_supplement:
            return DueDate(None, False, self.lines, 0, self.extension)
        if self.today is not None:
            self._expire_before(self.today)
        unfinished = [p for p in self.pauses if p.closed is None]
        for pause in unfinished:
            end = self._pause_end(pause).isoformat()
            if self.today is None:  # the projection every page shows: the pause is assumed to run to its limit
                self._tell(pause, f"{pause.opened.isoformat()} 起尚未结束，按期限届满日暂计至 {end}",
                           "（预计，暂停中；提前结束的，答复期限按实际日期相应提前）")
            else:
                self._tell(pause, f"{pause.opened.isoformat()} 起尚未结束，暂计至 {end}", "（预计，暂停中）")
        due = self._due(self.pauses)
        paused = sum(1 for d in self._paused_days(self.pauses) if d <= due)
        return DueDate(due, not unfinished, self.lines, paused, self.extension)


def _pause_key(pause: _Pause) -> str:
    return f"（{pause.key}）" if pause.key else ""


def reply_due(
    events: Sequence[DatedEvent],
    calendar: WorkdayCalendar,
    *,
    fee_pause: bool = True,
    today: date | None = None,
) -> DueDate:
    """条例 Arts. 30, 32–34 and 109号: the reply due date of one request, replayed from its events."""
    clock = _ReplyClock(calendar, fee_pause=fee_pause, today=today)
    # sorted() is stable: same-day events keep the order in which they were recorded.
    for event in sorted(events, key=lambda e: e.day):
        clock.apply(event)
    return clock.finish()
