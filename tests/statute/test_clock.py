from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.statute.clock import (
    CalendarYearMissing,
    ClockEvent,
    DatedEvent,
    SetCalendar,
    add_workdays,
    consultation_due,
    fee_payment_due,
    publication_due,
    reply_due,
    report_deadline,
    review_answer_due,
    supplement_notice_due,
    workdays_between,
)


class RealCalendar:
    """The official calendar as chinesecalendar knows it (2004–2026), refusing other years."""

    def is_workday(self, day: date) -> bool:
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise CalendarYearMissing(day.year) from None


CAL = RealCalendar()
E = ClockEvent


def ev(kind, day, key=None, days=None):
    return DatedEvent(kind, date.fromisoformat(day), key=key, days=days)


def d(text):
    return date.fromisoformat(text)


# --- working days on the real calendar --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-09-27", 7, "2024-10-12"),  # Friday; the 7th is a make-up Saturday
        ("2024-09-27", 20, "2024-10-30"),
        ("2025-09-26", 20, "2025-10-30"),
        ("2025-09-27", 7, "2025-10-13"),  # from a Saturday: chinesecalendar's find_workday says 10-14
        ("2025-01-24", 1, "2025-01-26"),  # Spring Festival 2025: Sunday 1-26 is worked
        ("2025-01-24", 2, "2025-01-27"),
        ("2025-01-24", 3, "2025-02-05"),  # 1-28 to 2-4 off
        ("2025-01-24", 6, "2025-02-08"),  # Saturday 2-8 is worked
        ("2025-01-24", 20, "2025-02-27"),
        ("2026-02-13", 1, "2026-02-14"),  # Spring Festival 2026: Saturday 2-14 is worked
        ("2026-02-13", 2, "2026-02-24"),  # 2-15 to 2-23 off
        ("2026-02-13", 6, "2026-02-28"),  # Saturday 2-28 is worked
        ("2026-02-13", 20, "2026-03-19"),
        ("2024-09-27", 0, "2024-09-27"),
    ],
)
def test_add_workdays_on_the_official_calendar(start, n, expected):
    assert add_workdays(d(start), n, CAL) == d(expected)


@pytest.mark.parametrize(
    ("day", "worked"),
    [
        ("2026-10-08", True),
        ("2026-10-10", True),
        ("2026-10-07", False),
        ("2025-10-08", False),
        ("2025-10-11", True),
        ("2025-09-28", True),
        ("2026-02-14", True),
        ("2026-02-23", False),
    ],
)
def test_the_real_calendar_knows_make_up_days_and_holidays(day, worked):
    assert CAL.is_workday(d(day)) is worked


def test_a_deadline_running_into_an_unknown_year_names_the_year():
    with pytest.raises(CalendarYearMissing, match="2027") as caught:
        add_workdays(d("2026-12-20"), 20, CAL)
    assert caught.value.year == 2027
    assert str(caught.value) == "2027年节假日安排未录入，无法计算工作日"


def test_workdays_between_counts_after_the_first_day_up_to_the_last():
    assert workdays_between(d("2024-09-27"), d("2024-10-12"), CAL) == 7
    assert workdays_between(d("2024-09-27"), d("2024-09-27"), CAL) == 0
    assert workdays_between(d("2024-10-12"), d("2024-09-27"), CAL) == 0


def test_add_workdays_refuses_a_negative_count():
    with pytest.raises(ValueError, match="负数"):
        add_workdays(d("2024-09-27"), -1, CAL)


# --- single-period rules ----------------------------------------------------------------------


def test_supplement_notice_is_due_seven_working_days_after_receipt():
    assert supplement_notice_due(d("2024-09-27"), CAL) == d("2024-10-12")


def test_consultation_answer_is_due_fifteen_working_days_after_the_letter():
    assert consultation_due(d("2024-11-08"), CAL) == d("2024-11-29")


def test_fee_is_payable_within_twenty_working_days_of_the_notice():
    assert fee_payment_due(d("2025-09-26"), CAL) == d("2025-10-30")


def test_review_answer_is_due_ten_working_days_after_the_copy_arrives():
    """行政复议法 Art. 48 with Art. 88 ¶2 (十日 = working days): across the 2025 National Day holiday."""
    assert review_answer_due(d("2025-09-26"), CAL) == d("2025-10-16")
    assert review_answer_due(d("2025-03-03"), CAL) == d("2025-03-17")


def test_publication_is_due_twenty_working_days_after_the_information_is_made():
    assert publication_due(d("2024-09-27"), CAL) == d("2024-10-30")


def test_annual_report_deadlines():
    assert report_deadline(2024, county_or_above_government=False) == d("2025-01-31")
    assert report_deadline(2024, county_or_above_government=True) == d("2025-03-31")


# --- SetCalendar ------------------------------------------------------------------------------


def test_set_calendar_applies_weekdays_holidays_and_make_up_days():
    cal = SetCalendar({2030}, extra_workdays={d("2030-10-12")}, extra_holidays={d("2030-10-01")})
    assert cal.is_workday(d("2030-10-12"))  # Saturday, made up
    assert not cal.is_workday(d("2030-10-01"))  # Tuesday, holiday
    assert cal.is_workday(d("2030-10-02"))
    assert not cal.is_workday(d("2030-10-13"))  # ordinary Sunday
    with pytest.raises(CalendarYearMissing, match="2031"):
        cal.is_workday(d("2031-01-02"))


def test_set_calendar_refuses_a_day_that_is_both_holiday_and_workday():
    with pytest.raises(ValueError):
        SetCalendar({2030}, extra_workdays={d("2030-10-12")}, extra_holidays={d("2030-10-12")})


# --- the reply clock --------------------------------------------------------------------------

RECEIVED = ev(E.RECEIVED, "2024-11-04")  # Monday; +20 working days = 2024-12-02


def test_reply_is_due_twenty_working_days_after_receipt():
    result = reply_due([ev(E.RECEIVED, "2024-09-27")], CAL)
    assert (result.due, result.running) == (d("2024-10-30"), True)
    assert result.explanation == ["2024-09-27 收到申请，答复期限起算：20个工作日 → 2024-10-30"]


def test_a_request_received_on_a_saturday_starts_counting_on_the_next_working_day():
    # Sunday 2025-09-28 is a make-up working day, so it is working day 1, as it is from Friday.
    assert reply_due([ev(E.RECEIVED, "2025-09-27")], CAL).due == d("2025-10-30")
    assert reply_due([ev(E.RECEIVED, "2024-11-09")], CAL).due == d("2024-12-06")


def test_an_outstanding_supplement_stops_the_clock():
    result = reply_due([ev(E.RECEIVED, "2024-09-27"), ev(E.SUPPLEMENT_REQUESTED, "2024-10-08")], CAL)
    assert (result.due, result.running) == (None, False)
    assert result.explanation[-1] == "2024-10-08 发出补正通知，答复期限暂停，待申请人补正"


def test_a_supplement_restarts_the_twenty_days_from_its_arrival():
    result = reply_due(
        [
            ev(E.RECEIVED, "2024-09-27"),
            ev(E.SUPPLEMENT_REQUESTED, "2024-10-08"),
            ev(E.SUPPLEMENT_RECEIVED, "2024-10-15"),
        ],
        CAL,
    )
    assert (result.due, result.running) == (d("2024-11-12"), True)
    assert result.explanation == [
        "2024-09-27 收到申请，答复期限起算：20个工作日 → 2024-10-30",
        "2024-10-08 发出补正通知，答复期限暂停，待申请人补正",
        "2024-10-15 收到补正材料，答复期限重新起算：20个工作日 → 2024-11-12",
    ]


def test_an_answered_consultation_adds_the_days_after_the_letter_up_to_the_answer():
    result = reply_due(
        [RECEIVED, ev(E.CONSULTATION_OPENED, "2024-11-08", "A"), ev(E.CONSULTATION_ANSWERED, "2024-11-13", "A")],
        CAL,
    )
    assert (result.due, result.running, result.paused_workdays) == (d("2024-12-05"), True, 3)
    line = "征求意见（A） 2024-11-08 至 2024-11-13，不计入答复期限：顺延3个工作日 → 2024-12-05"
    assert line in result.explanation


@pytest.mark.parametrize("late_answer", [[], [ev(E.CONSULTATION_ANSWERED, "2024-12-10", "A")]])
def test_an_unanswered_consultation_pauses_only_up_to_its_fifteen_day_limit(late_answer):
    events = [RECEIVED, ev(E.CONSULTATION_OPENED, "2024-11-08", "A"), *late_answer]
    result = reply_due(events, CAL, today=d("2024-12-12"))
    assert (result.due, result.running, result.paused_workdays) == (d("2024-12-23"), True, 15)
    assert any("2024-11-29 期限届满未收到答复" in line for line in result.explanation)


def test_an_open_consultation_pauses_the_clock_up_to_today():
    events = [RECEIVED, ev(E.CONSULTATION_OPENED, "2024-11-08", "A")]
    result = reply_due(events, CAL, today=d("2024-11-12"))
    assert (result.due, result.running) == (d("2024-12-04"), False)
    assert result.explanation[-1].endswith("（预计，暂停中）")


def test_an_open_consultation_without_today_is_projected_to_its_limit():
    result = reply_due([RECEIVED, ev(E.CONSULTATION_OPENED, "2024-11-08", "A")], CAL)
    assert (result.due, result.running) == (d("2024-12-23"), False)


def test_overlapping_consultations_do_not_count_a_day_twice():
    events = [
        RECEIVED,
        ev(E.CONSULTATION_OPENED, "2024-11-08", "third-party"),  # pauses 11-11, 11-12, 11-13
        ev(E.CONSULTATION_OPENED, "2024-11-11", "agency"),  # pauses 11-12 … 11-15
        ev(E.CONSULTATION_ANSWERED, "2024-11-13", "third-party"),
        ev(E.CONSULTATION_ANSWERED, "2024-11-15", "agency"),
    ]
    result = reply_due(events, CAL)
    assert (result.due, result.paused_workdays) == (d("2024-12-09"), 5)
    assert result.explanation[-2:] == [
        "征求意见（third-party） 2024-11-08 至 2024-11-13，不计入答复期限：顺延3个工作日 → 2024-12-05",
        "征求意见（agency） 2024-11-11 至 2024-11-15，不计入答复期限：顺延2个工作日 → 2024-12-09",
    ]


def test_an_extension_adds_its_working_days():
    result = reply_due([RECEIVED, ev(E.EXTENDED, "2024-11-20", days=20)], CAL)
    assert (result.due, result.extension_workdays) == (d("2024-12-30"), 20)
    assert result.explanation[-1] == "2024-11-20 经负责人同意延长答复期限20个工作日 → 2024-12-30"


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        ([ev(E.EXTENDED, "2024-11-20", days=21)], "1至20个工作日"),
        ([ev(E.EXTENDED, "2024-11-20", days=0)], "1至20个工作日"),
        ([ev(E.EXTENDED, "2024-11-20")], "1至20个工作日"),
        ([ev(E.EXTENDED, "2024-11-20", days=5), ev(E.EXTENDED, "2024-11-25", days=5)], "只能延长一次"),
    ],
)
def test_only_one_extension_of_at_most_twenty_days(extensions, message):
    with pytest.raises(ValueError, match=message):
        reply_due([RECEIVED, *extensions], CAL)


def test_the_time_from_fee_notice_to_payment_pauses_the_clock():
    events = [RECEIVED, ev(E.FEE_NOTIFIED, "2024-11-08"), ev(E.FEE_PAID, "2024-11-13")]
    assert reply_due(events, CAL).due == d("2024-12-05")
    assert reply_due(events, CAL, fee_pause=False).due == d("2024-12-02")


def test_an_unpaid_fee_keeps_the_clock_paused():
    events = [RECEIVED, ev(E.FEE_NOTIFIED, "2024-11-08")]
    result = reply_due(events, CAL, today=d("2024-11-12"))
    assert (result.due, result.running) == (d("2024-12-04"), False)
    assert reply_due(events, CAL, today=d("2024-11-12"), fee_pause=False).running is True


def test_a_corrected_fee_notice_restarts_the_payment_period_and_keeps_the_clock_paused():
    # 109号: the applicant pays within 20 working days of receiving the notice in force — the corrected one.
    first = [RECEIVED, ev(E.FEE_NOTIFIED, "2024-11-08")]
    corrected = [*first, ev(E.FEE_CORRECTED, "2024-11-12")]
    assert fee_payment_due(d("2024-11-08"), CAL) == d("2024-12-06")
    assert fee_payment_due(d("2024-11-12"), CAL) == d("2024-12-10")
    assert reply_due(corrected, CAL).due == add_workdays(reply_due(first, CAL).due, 2, CAL)
    unpaid = reply_due(corrected, CAL)
    assert unpaid.running is False and "暂计至 2024-12-10" in unpaid.explanation[-1]
    paid = reply_due([*corrected, ev(E.FEE_PAID, "2024-11-13")], CAL)
    assert paid.due == d("2024-12-05")


def test_events_are_replayed_in_date_order():
    events = [ev(E.CONSULTATION_ANSWERED, "2024-11-13", "A"), RECEIVED, ev(E.CONSULTATION_OPENED, "2024-11-08", "A")]
    assert reply_due(events, CAL).due == d("2024-12-05")


def test_the_full_story_is_explained_line_by_line():
    events = [
        ev(E.RECEIVED, "2024-09-27"),
        ev(E.SUPPLEMENT_REQUESTED, "2024-10-08"),
        ev(E.SUPPLEMENT_RECEIVED, "2024-10-15"),
        ev(E.CONSULTATION_OPENED, "2024-10-20", "A"),
        ev(E.CONSULTATION_ANSWERED, "2024-10-30", "A"),
        ev(E.EXTENDED, "2024-11-05", days=20),
    ]
    result = reply_due(events, CAL)
    assert result.explanation[3:] == [
        "2024-10-20 发出征求意见函（A），答复期限暂停，最迟至 2024-11-08",
        "征求意见（A） 2024-10-20 至 2024-10-30，不计入答复期限：顺延8个工作日 → 2024-11-22",
        "2024-11-05 经负责人同意延长答复期限20个工作日 → 2024-12-20",
    ]
    assert result.due == d("2024-12-20")


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([], "没有收到申请"),
        ([ev(E.EXTENDED, "2024-11-01", days=5), RECEIVED], "早于收到申请"),
        ([RECEIVED, ev(E.SUPPLEMENT_RECEIVED, "2024-11-10")], "没有发出补正通知"),
        (
            [
                RECEIVED,
                ev(E.SUPPLEMENT_REQUESTED, "2024-11-05"),
                ev(E.SUPPLEMENT_RECEIVED, "2024-11-06"),
                ev(E.SUPPLEMENT_REQUESTED, "2024-11-07"),
            ],
            "一次性",
        ),
        ([RECEIVED, ev(E.CONSULTATION_ANSWERED, "2024-11-10", "A")], "无法对应"),
        ([RECEIVED, ev(E.RECEIVED, "2024-11-05")], "只能有一个"),
    ],
)
def test_inconsistent_event_lists_are_refused_in_chinese(events, message):
    with pytest.raises(ValueError, match=message):
        reply_due(events, CAL)


def test_a_reply_clock_in_an_unknown_year_refuses():
    with pytest.raises(CalendarYearMissing, match="2027"):
        reply_due([ev(E.RECEIVED, "2026-12-20")], CAL)


# --- properties -------------------------------------------------------------------------------

known_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31))


@given(known_days, st.integers(min_value=1, max_value=40))
def test_add_workdays_always_lands_on_a_working_day(start, n):
    assert CAL.is_workday(add_workdays(start, n, CAL))


@given(known_days, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=20))
def test_add_workdays_composes(start, m, n):
    assert add_workdays(add_workdays(start, m, CAL), n, CAL) == add_workdays(start, m + n, CAL)


@given(known_days, st.integers(min_value=0, max_value=40))
def test_workdays_between_inverts_add_workdays(start, n):
    assert workdays_between(start, add_workdays(start, n, CAL), CAL) == n


consultation = st.tuples(
    st.integers(min_value=0, max_value=40),  # calendar days from receipt to the letter
    st.none() | st.integers(min_value=0, max_value=30),  # calendar days from the letter to the answer
)


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 5, 31)),
    st.lists(consultation, max_size=3),
    st.integers(min_value=0, max_value=20),
    st.none() | st.integers(min_value=0, max_value=90),
)
def test_the_reply_due_date_is_a_working_day_never_before_twenty_days_after_receipt(
    received, consultations, extension, today_offset
):
    events = [DatedEvent(E.RECEIVED, received)]
    for i, (opened, answered) in enumerate(consultations):
        letter = received + timedelta(days=opened)
        events.append(DatedEvent(E.CONSULTATION_OPENED, letter, key=str(i)))
        if answered is not None:
            events.append(DatedEvent(E.CONSULTATION_ANSWERED, letter + timedelta(days=answered), key=str(i)))
    if extension:
        events.append(DatedEvent(E.EXTENDED, received + timedelta(days=5), days=extension))
    today = None if today_offset is None else received + timedelta(days=today_offset)

    result = reply_due(events, CAL, today=today)

    assert result.due is not None
    assert CAL.is_workday(result.due)
    assert result.due >= add_workdays(received, 20 + extension, CAL)
    assert result.due <= add_workdays(received, 20 + extension + result.paused_workdays, CAL)


def test_event_kinds_may_be_plain_strings_from_storage():
    events = [DatedEvent("received", d("2024-09-27")), DatedEvent("extended", d("2024-10-08"), days=5)]
    assert reply_due(events, CAL).due == add_workdays(d("2024-09-27"), 25, CAL)
