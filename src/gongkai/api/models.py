"""The open API's own records: the tokens other platforms hold, and which forwarded request came with which
reference (so that a retried POST finds the first request instead of making a second)."""

from django.conf import settings
from django.db import models


class Scope(models.TextChoices):
    INTAKE = "intake", "转办申请（受理、查询、补正）"
    READ = "read", "只读（查询转来的申请、检查年度报告）"
    SUPERVISE = "supervise", "上级监督（下级机关年度报告汇总与状态）"


class ApiToken(models.Model):
    """A bearer token: only the SHA-256 of the secret is kept, the secret itself is shown once at creation."""

    platform = models.CharField("平台名称", max_length=100, help_text="持有令牌的平台，如“叶城县12345政务服务便民热线”")
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="api_tokens")
    include_subtree = models.BooleanField("含下级机关", default=False,
                                          help_text="仅上级监督令牌：可读取本机关及全部下级机关的年度报告汇总")
    scope = models.CharField("权限范围", max_length=20, choices=Scope.choices)
    prefix = models.CharField("令牌前缀", max_length=12, editable=False, help_text="令牌的前几位，便于辨认")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_per_minute = models.PositiveIntegerField("每分钟调用上限", default=120)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.platform}（{self.get_scope_display()}，{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ForwardedRequest(models.Model):
    """A request received through the API, keyed by the forwarding platform's own reference (工单号)."""

    request = models.OneToOneField("disclosure_requests.Request", verbose_name="申请", on_delete=models.PROTECT,
                                   related_name="forwarded")
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField("转办平台", max_length=100)
    reference = models.CharField("平台工单号", max_length=100)
    token = models.ForeignKey(ApiToken, verbose_name="接口令牌", on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField("平台转办时间", null=True, blank=True)
    created_at = models.DateTimeField("受理时间", auto_now_add=True)

    class Meta:
        verbose_name = "转办申请"
        verbose_name_plural = "转办申请"
        constraints = [models.UniqueConstraint(fields=["agency", "platform", "reference"],
                                               name="forwarded_reference_unique")]

    def __str__(self):
        return f"{self.platform} {self.reference}"
