"""行政复议 and 行政诉讼 cases brought against the agency's disclosure decisions (report section 四)."""

from django.conf import settings
from django.db import models

from gongkai.core.storage import private_storage_backend


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
    reply = models.ForeignKey("disclosure_requests.Document", verbose_name="被复议（起诉）的答复", null=True,
                              blank=True, on_delete=models.PROTECT, related_name="appeals")
    copy_received_on = models.DateField("收到申请书副本日期", null=True, blank=True,
                                        help_text="行政复议：收到申请书副本或申请笔录复印件的日期，答复期限由此起算")
    answered_on = models.DateField("提交书面答复日期", null=True, blank=True)
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


def appeal_document_path(instance, filename):
    return f"appeals/{instance.appeal.agency_id}/{instance.appeal_id}/{filename}"


class AppealDocument(models.Model):
    """A paper of the case (申请书副本、答复书、决定书、判决书): private storage, streamed by a checked view."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField("文件", upload_to=appeal_document_path, storage=private_storage_backend)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼文书"
        verbose_name_plural = "复议诉讼文书"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name
