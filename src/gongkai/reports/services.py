"""Use cases that write reports: start a draft, save a version, submit, review (三审), the head's sign-off that
publishes, and 更正 (a correction that supersedes the published report of its year).

Each follows the project's shape: guard → transaction + select_for_update → transitions table → audit.
At each review step the tables are frozen from the records and the data-driven sentences are rewritten from
them (narrative.refresh_sections), so the text never contradicts the tables it stands beside; guards.py says
when the sign-off may publish.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.permissions import can_work_in, has_role
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.statute.report import Report, Sections, check_arithmetic

from .build import build_report
from .guards import ensure_period_over, ensure_publishable
from .models import CLOSED_STATES, AnnualReport, ReportReviewStep, ReportState, ReportVersion, ReviewDecision
from .narrative import draft_sections, refresh_sections
from .transitions import EDITABLE_STATES, LEVEL_OF_STATE, LEVEL_ROLES, Action, next_state

PLATFORM_LABEL = "平台（按冻结数据更新）"


def _label(user) -> str:
    return (user.get_full_name() or user.get_username()) if getattr(user, "is_authenticated", False) else str(user)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def start_report(*, agency, year: int, actor) -> AnnualReport:
    """The agency's report for the year, created with sections drafted from the records if there is none."""
    if _user(actor) and not can_work_in(actor, agency):
        raise PermissionDenied("您不是本机关的工作人员，不能起草年度报告")
    if year > timezone.localdate().year:
        raise DomainError(f"{year}年尚未开始，不能起草该年度报告", field="year")
    with transaction.atomic():
        existing = _current_rows(agency, year)
        if existing:  # the open report (first one or 更正) before the published one
            return min(existing, key=lambda r: r.state == ReportState.PUBLISHED)
        try:
            with transaction.atomic():
                report = AnnualReport.objects.create(agency=agency, year=year)
        except IntegrityError:  # started at the same moment by someone else
            return _current_rows(agency, year)[0]
        sections = draft_sections(agency, build_report(agency, year))
        _write_version(report, sections, actor, note="根据平台数据自动起草")
        log_action("reports.report.started", actor=actor, obj=report, data={"year": year})
    return report


def _current_rows(agency, year: int) -> list[AnnualReport]:
    return list(AnnualReport.objects.select_for_update().filter(agency=agency, year=year)
                .exclude(state=ReportState.SUPERSEDED))


def start_correction(*, report: AnnualReport, actor, reason: str) -> AnnualReport:
    """更正: a new draft of the published report's year, starting from the published text; it goes through the
    same 三审 and sign-off, and publishing it supersedes the report it corrects (kept, marked superseded)."""
    if _user(actor) and not can_work_in(actor, report.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能更正年度报告")
    if not (reason or "").strip():
        raise DomainError("请填写更正原因", field="reason")
    with transaction.atomic():
        published = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if published.state != ReportState.PUBLISHED:
            raise DomainError(f"报告{published.get_state_display()}，只有现行的已发布报告可以更正")
        if any(r.state not in CLOSED_STATES for r in _current_rows(published.agency, published.year)):
            raise DomainError(f"{published.year}年度已有正在起草或审核的报告，请在该稿上修改")
        correction = AnnualReport.objects.create(agency=published.agency, year=published.year, corrects=published,
                                                 correction_reason=reason.strip())
        text = report_data(published).sections
        _write_version(correction, Sections(text.overview, text.problems, text.other), actor,
                       note=f"更正：{reason.strip()}"[:200])
        log_action("reports.report.correction_started", actor=actor, obj=correction,
                   data={"year": published.year, "corrects": published.pk, "reason": reason.strip()})
    return correction


def _write_version(report, sections: Sections, actor, *, note: str, label: str | None = None) -> ReportVersion:
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReportVersion.objects.create(
        report=report, number=number, overview=sections.overview or "", problems=sections.problems or "",
        other=sections.other or "", note=note, author=_user(actor), author_label=label or _label(actor))
    report.overview, report.problems, report.other = version.overview, version.problems, version.other
    report.save(update_fields=["overview", "problems", "other", "updated_at"])
    return version


def save_sections(*, report: AnnualReport, actor, overview: str, problems: str, other: str,
                  note: str = "") -> ReportVersion:
    if _user(actor) and not can_work_in(actor, report.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能修改年度报告")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state not in EDITABLE_STATES:
            raise DomainError(f"报告{report.get_state_display()}，不能修改；如需修改请先由审核人退回")
        version = _write_version(report, Sections(overview, problems, other), actor, note=note or "人工修改")
        log_action("reports.report.edited", actor=actor, obj=report, data={"version": version.number})
    return version


def _latest_version(report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def available_actions(report: AnnualReport, user) -> list[Action]:
    """The buttons a user sees; the same checks run again when the action is posted."""
    actions = []
    if report.state == ReportState.DRAFTING and can_work_in(user, report.agency):
        actions.append(Action.SUBMIT)
    if _may_review(report, user):
        actions += [Action.APPROVE, Action.REJECT]
    return actions


def _current_run_steps(report):
    last_submit = report.review_steps.filter(decision=ReviewDecision.SUBMITTED).order_by("-created_at", "-pk") \
        .first()
    steps = report.review_steps.all()
    return steps.filter(pk__gte=last_submit.pk) if last_submit else steps.none()


def _may_review(report, user) -> bool:
    level = LEVEL_OF_STATE.get(report.state)
    if level is None or not getattr(user, "is_authenticated", False):
        return False
    if _current_run_steps(report).filter(actor=user).exists():
        return False  # the submitter, or someone who already decided in this run
    # the last words a person wrote (the platform's sentence refresh is not authorship)
    version = report.versions.exclude(author=None).order_by("-number").first()
    if version and version.author_id == user.pk:
        return False
    return has_role(user, report.agency, LEVEL_ROLES[level])


def submit_report(*, report: AnnualReport, user) -> AnnualReport:
    if not can_work_in(user, report.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能提交年度报告")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        new_state = next_state(report.state, Action.SUBMIT)
        if new_state is None:
            raise DomainError(f"报告{report.get_state_display()}，不能提交审核")
        findings = check_arithmetic(build_report(report.agency, report.year))
        if findings:
            raise DomainError("报告数据未通过勾稽检查：" + findings[0].message)
        report.state = new_state
        report.save(update_fields=["state", "updated_at"])
        _freeze(report, user)
        ReportReviewStep.objects.create(report=report, version=_latest_version(report), actor=user,
                                        actor_label=_label(user), decision=ReviewDecision.SUBMITTED)
        log_action("reports.report.submitted", actor=user, obj=report, data={"year": report.year,
                                                                            "state": new_state})
    return report


def review_report(*, report: AnnualReport, user, action: str, comment: str = "", today: date | None = None):
    """初审/复审/终审 and the head's sign-off: approval moves the report on a step and freezes the tables again
    (the sign-off publishes, when guards.py allows); rejection returns it to drafting."""
    if action not in (Action.APPROVE, Action.REJECT):
        raise DomainError("审核操作无效")
    today = today or timezone.localdate()
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        level = LEVEL_OF_STATE.get(report.state)
        new_state = next_state(report.state, action)
        if level is None or new_state is None:
            raise DomainError(f"报告{report.get_state_display()}，不能审核")
        if not _may_review(report, user):
            raise PermissionDenied(
                f"您不能进行本报告的{level.label}（需{LEVEL_ROLES[level].label}岗位，且未参与本轮审核）")
        if action == Action.REJECT and not comment.strip():
            raise DomainError("退回修改须填写意见", field="comment")
        if new_state == ReportState.PUBLISHED:
            ensure_period_over(report.year, today)  # before any work: the plain reason first
        if action == Action.APPROVE:
            data = _freeze(report, user)
        else:
            report.frozen = report.frozen_at = None  # back in drafting: the live records again
        ReportReviewStep.objects.create(
            report=report, version=_latest_version(report), level=level, actor=user, actor_label=_label(user),
            comment=comment, decision=ReviewDecision.APPROVED if action == Action.APPROVE else ReviewDecision.REJECTED)
        if new_state == ReportState.PUBLISHED:
            _publish(report, data, user, today)
        report.state = new_state
        report.save()
        log_action(f"reports.review.{'approved' if action == Action.APPROVE else 'rejected'}", actor=user,
                   obj=report, data={"level": level, "comment": comment, "state": new_state})
    return report


def _freeze(report: AnnualReport, actor) -> Report:
    """The tables as the records say now, and the data-driven sentences rewritten from them: what the next
    reviewer reads (and, at sign-off, what is published). Rewritten text is a new version by the platform."""
    data = build_report(report.agency, report.year)
    current = Sections(report.overview, report.problems, report.other)
    fresh = refresh_sections(report.agency, data, current)
    changed = fresh != current
    if changed:
        _write_version(report, fresh, None, note="按冻结数据更新数据语句", label=PLATFORM_LABEL)
    data.sections = fresh
    report.frozen, report.frozen_at = data.to_json(), timezone.now()
    report.save(update_fields=["frozen", "frozen_at", "updated_at"])
    log_action("reports.report.frozen", actor=actor, obj=report,
               data={"state": report.state, "sentences_rewritten": changed})
    return data


def _publish(report: AnnualReport, data: Report, user, today: date) -> None:
    """Publishes the frozen data (after guards.py's checks); the year's earlier published report is superseded."""
    data.published_on = today
    findings = ensure_publishable(data, today)
    for earlier in AnnualReport.objects.select_for_update().filter(
            agency=report.agency, year=report.year, state=ReportState.PUBLISHED).exclude(pk=report.pk):
        earlier.state, earlier.superseded_on = ReportState.SUPERSEDED, today
        earlier.save(update_fields=["state", "superseded_on", "updated_at"])  # first: one published per year
        log_action("reports.report.superseded", actor=user, obj=earlier,
                   data={"superseded_on": today.isoformat(), "by": report.pk})
    report.frozen, report.frozen_at, report.published_on = data.to_json(), timezone.now(), today
    from .publishing import earlier_items, publish_in_catalog

    report.replaced_item_ids = earlier_items(report)
    report.catalog_item_id = publish_in_catalog(report, data, user)
    from .published_check import stored_result

    report.checker_result = stored_result(findings, report)  # the checker on the published text, run once, kept
    log_action("reports.report.published", actor=user, obj=report,
               data={"published_on": today.isoformat(), "catalog_item_id": report.catalog_item_id,
                     "corrects": report.corrects_id, "replaced_item_ids": report.replaced_item_ids})


def report_data(report: AnnualReport) -> Report:
    """What the report says: the data frozen at the last review step (published: what was published), else,
    in drafting, the live figures with the current text."""
    if report.frozen:
        return Report.from_json(report.frozen)
    return build_report(report.agency, report.year, sections=Sections(report.overview, report.problems, report.other))


def differences(report: AnnualReport) -> list[tuple[str, object, object]]:
    """(place, frozen value, value from today's records) for each figure that changed since it was frozen."""
    if not report.frozen:
        return []
    published = dict(Report.from_json(report.frozen).cells())
    current = build_report(report.agency, report.year).cells()
    return [(where, published.get(where), value) for where, value in current if published.get(where) != value]
