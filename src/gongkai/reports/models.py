"""Annual reports: the draft text with its versions, the 三审 steps and the head's sign-off, the data frozen at
each review step, 更正 (a correction supersedes the published report of its year), and the
第二十条 figures (许可/处罚/强制/收费) that come from the agency's business systems, not from our records."""

from django.conf import settings
from django.db import models


class FigureSource(models.TextChoices):
    MANUAL = "manual", "人工填报"
    CSV = "csv", "CSV 导入"
    XLSX = "xlsx", "Excel 导入"


class ArticleTwentyFigures(models.Model):
    """条例第二十条第（五）（六）（八）项 for one agency and year, with where the numbers came from."""

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.CASCADE,
                               related_name="article20_figures")
    year = models.PositiveIntegerField("年度")
    licensing = models.PositiveIntegerField("行政许可处理决定数量", default=0)
    penalty = models.PositiveIntegerField("行政处罚处理决定数量", default=0)
    coercion = models.PositiveIntegerField("行政强制处理决定数量", default=0)
    fees_10k_yuan = models.DecimalField("行政事业性收费（万元）", max_digits=14, decimal_places=4, default=0)
    source = models.CharField("来源", max_length=10, choices=FigureSource.choices, default=FigureSource.MANUAL)
    source_note = models.CharField("来源说明", max_length=200, blank=True, help_text="业务系统名称、导入文件名等")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = "第二十条数据"
        verbose_name_plural = "第二十条数据"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="article20_one_per_year")]

    def __str__(self):
        return f"{self.agency.short_name} {self.year} 年第二十条数据"


class ReportState(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    FIRST_REVIEW = "first_review", "待初审"
    SECOND_REVIEW = "second_review", "待复审"
    FINAL_REVIEW = "final_review", "待终审"
    SIGN_OFF = "sign_off", "待负责人签发"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被更正"


# A report in neither state is open (drafting, in review or awaiting sign-off): at most one per agency and year.
CLOSED_STATES = (ReportState.PUBLISHED, ReportState.SUPERSEDED)


class AnnualReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveIntegerField("报告年度")
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.DRAFTING)
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other = models.TextField("六、其他需要报告的事项", blank=True)
    frozen = models.JSONField("审核时冻结的报告数据", null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField("冻结时间", null=True, blank=True, editable=False)
    published_on = models.DateField("发布日期", null=True, blank=True)
    catalog_item_id = models.PositiveIntegerField("对应的主动公开信息", null=True, blank=True, editable=False)
    corrects = models.ForeignKey("self", verbose_name="更正的报告", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="corrections")
    correction_reason = models.TextField("更正原因", blank=True)
    superseded_on = models.DateField("被更正日期", null=True, blank=True, editable=False)
    # Catalog items of the same year published before this report (outside the platform, or by hand): the
    # portal lists them under this report as superseded versions, never beside it as a second report.
    replaced_item_ids = models.JSONField("替代的主动公开信息", default=list, blank=True, editable=False)
    # The report checker (check.py) run once on the published text, stored so that the supervisor's overview
    # does not parse every report on every view: {"counts": {severity: n}, "findings": [Finding.to_json()]}.
    checker_result = models.JSONField("年度报告检查结果", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            # one current published report per agency and year; a 更正 first marks the old one superseded
            models.UniqueConstraint(fields=["agency", "year"], condition=models.Q(state="published"),
                                    name="annual_report_one_published_per_year"),
            # and one report in drafting or review (the first report, or the 更正 of the published one)
            models.UniqueConstraint(fields=["agency", "year"],
                                    condition=~models.Q(state__in=["published", "superseded"]),
                                    name="annual_report_one_open_per_year"),
        ]

    def __str__(self):
        return f"{self.agency.name} {self.year} 年政府信息公开工作年度报告"

    @property
    def title(self) -> str:
        return str(self)


class ReportVersion(models.Model):
    """Every saved text of sections 一/五/六, append-only: who wrote which words when."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    overview = models.TextField(blank=True)
    problems = models.TextField(blank=True)
    other = models.TextField(blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self):
        return f"第{self.number}版"


class ReviewLevel(models.TextChoices):
    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"
    SIGN_OFF = "sign_off", "负责人签发"


class ReviewDecision(models.TextChoices):
    SUBMITTED = "submitted", "提交审核"
    APPROVED = "approved", "通过"
    REJECTED = "rejected", "退回修改"


class ReportReviewStep(models.Model):
    """One row per decision in the report's 三审 (append-only)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="review_steps")
    version = models.ForeignKey(ReportVersion, null=True, on_delete=models.SET_NULL, related_name="+")
    level = models.CharField("审核级别", max_length=10, choices=ReviewLevel.choices, blank=True)
    decision = models.CharField("决定", max_length=20, choices=ReviewDecision.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=100, blank=True)
    comment = models.TextField("意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "报告审核记录"
        verbose_name_plural = "报告审核记录"
        ordering = ["report", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_level_display() or ''}{self.get_decision_display()}"


class CorrectionFlag(models.Model):
    """需要更正: a record dated into the year of a published report was accepted as an audited correction.

    The published report itself is never changed here; the flag and its finding say which figures now
    differ, until the agency publishes a 更正 and resolves the flag."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="correction_flags")
    cause = models.TextField("原因", help_text="哪条记录、哪一天补录，以及更正理由")
    finding = models.TextField("发现的问题", help_text="已发布数字与现有记录的差异")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField("记录人", max_length=150, blank=True)
    created_at = models.DateTimeField("标记时间", auto_now_add=True)
    resolved_at = models.DateTimeField("更正完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度报告需要更正"
        verbose_name_plural = "年度报告需要更正"
        ordering = ["report", "created_at", "pk"]

    def __str__(self):
        return f"{self.report} 需要更正"
