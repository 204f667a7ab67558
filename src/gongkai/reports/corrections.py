"""A published report is fixed: records dated into its year afterwards do not change it silently.

Other apps ask `published_report(agency, year)` before recording such a record; when they record it anyway
(an audited correction), `flag_needs_correction` marks the report as needing a 更正 with a finding that
names each published figure the record changed (usually the carried-over counts).
"""

from __future__ import annotations

from gongkai.core.audit import log_action

from .models import AnnualReport, CorrectionFlag, ReportState


def published_report(agency, year: int) -> AnnualReport | None:
    """The published annual report of `agency` for `year`, or None while that year is still open."""
    agency_id = getattr(agency, "pk", agency)
    return AnnualReport.objects.filter(agency_id=agency_id, year=year, state=ReportState.PUBLISHED).first()


def flag_needs_correction(*, report: AnnualReport, cause: str, actor) -> CorrectionFlag:
    """Record that `report` needs a 更正 because of `cause`; the finding lists the figures now different."""
    from .services import differences

    changed = differences(report)
    if changed:
        finding = "；".join(f"{where}：已发布{old}，按现有记录应为{new}" for where, old, new in changed)
    else:
        finding = "已发布的数字未发生变化，请核实是否仍需更正"
    user = actor if getattr(actor, "is_authenticated", False) else None
    flag = CorrectionFlag.objects.create(report=report, cause=cause, finding=finding, actor=user,
                                         actor_label=(user.get_full_name() if user else str(actor))[:150])
    log_action("reports.report.correction_needed", actor=actor, obj=report,
               data={"year": report.year, "cause": cause, "changed": [[w, o, n] for w, o, n in changed]})
    return flag


def open_flags(report: AnnualReport):
    return report.correction_flags.filter(resolved_at__isnull=True)
