"""行政复议 and 行政诉讼 cases brought against the agency's disclosure decisions (report section 四)."""

from django.db import models


class AppealKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Appeal(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="被申请（被告）机关", on_delete=models.PROTECT,
                               related_name="appeals")
    kind = models.CharField("类型", max_length=30, choices=AppealKind.choices)
    body = models.CharField("复议机关/受理法院", max_length=100, help_text="如 叶城县人民政府、叶城县人民法院")
    case_number = models.CharField("案号", max_length=60, blank=True)
    applicant_name = models.CharField("申请人/原告", max_length=100, blank=True)
    filed_on = models.DateField("立案（受理）日期")
    closed_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING)
    request = models.ForeignKey("disclosure_requests.Request", verbose_name="涉及的政府信息公开申请", null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="appeals")
    summary = models.TextField("案情摘要", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼案件"
        verbose_name_plural = "复议诉讼案件"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "filed_on"], name="appeal_agency_filed")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(closed_on__isnull=True, result="pending")
                           | (models.Q(closed_on__isnull=False) & ~models.Q(result="pending"))),
                name="appeal_closed_has_result",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.pk}（{self.agency.short_name}）"
