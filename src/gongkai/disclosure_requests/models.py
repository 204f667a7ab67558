"""A disclosure request is its events: Request keeps the applicant and an index of state and due date,
RequestEvent rows are the history (append-only), Document rows are the letters issued (immutable)."""

from datetime import date

from django.conf import settings
from django.db import models

# PrivateStorage stays importable here: migration 0001 names it by this path.
from gongkai.core.storage import PrivateStorage, private_storage, private_storage_backend  # noqa: F401
from gongkai.statute.outcomes import APPLICANT_KEYS, APPLICANT_LABELS, BY_KEY, ApplicantType

from . import query_codes
from .limits import DESCRIPTION_CHARS, REASON_CHARS, max_length_validator

APPLICANT_TYPE_CHOICES = [(t.value, APPLICANT_LABELS[t]) for t in ApplicantType]
OUTCOME_CHOICES = [(key, o.full_label) for key, o in BY_KEY.items()]


def new_query_code() -> str:
    """Named by migration 0001 (the old plaintext column's default): stays importable."""
    return query_codes.new_code()


class State(models.TextChoices):
    SUBMITTED = "submitted", "网上提交待确认"
    PROCESSING = "processing", "办理中"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待申请人补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴纳信息处理费"
    CLOSED = "closed", "已办结"


OPEN_STATES = [s for s in State if s != State.CLOSED]
NO_DUE = date(9999, 12, 31)  # sort key of a request without a due date: it goes last


def missing_year_warning(year: int) -> str:
    return f"答复期限无法计算：{year}年节假日安排未录入，请管理员在“管理后台 → 节假日安排”录入"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮寄（需签收）"
    POST_ORDINARY = "post_ordinary", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    # Forwarded by another platform through the open API (/api/v1/): an internet channel under 条例第三十一条（三）.
    FORWARDED_PLATFORM = "forwarded_platform", "网络平台转办"
    FORWARDED_12345 = "forwarded_12345", "12345转办"


FORWARDED_CHANNELS = (Channel.FORWARDED_PLATFORM, Channel.FORWARDED_12345)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他证件"


class FormWanted(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    INSPECTION = "inspection", "当面查阅"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查看"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "网上提交申请"
    REGISTERED = "registered", "登记收到申请"
    CONFIRMED = "confirmed", "确认收到网上申请"
    SUPPLEMENT_REQUESTED = "supplement_requested", "发出补正通知"
    SUPPLEMENT_RECEIVED = "supplement_received", "收到补正材料"
    SUPPLEMENT_LAPSED = "supplement_lapsed", "逾期未补正"
    CONSULTATION_OPENED = "consultation_opened", "发出征求意见函"
    CONSULTATION_ANSWERED = "consultation_answered", "收到征求意见答复"
    CONSULTATION_LAPSED = "consultation_lapsed", "征求意见期限届满未答复"
    EXTENDED = "extended", "延长答复期限"
    FEE_NOTIFIED = "fee_notified", "发出收费通知"
    FEE_CORRECTED = "fee_corrected", "更正收费通知"
    FEE_PAID = "fee_paid", "申请人缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    ASSIGNED = "assigned", "指定经办人"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    TRANSFERRED = "transferred", "告知非本机关负责公开"
    REPLIED = "replied", "作出答复"
    DELIVERED = "delivered", "送达"
    CORRECTED = "corrected", "更正已发文书"


class Request(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="disclosure_requests")
    number = models.CharField("申请编号", max_length=60, unique=True)
    # Only a keyed hash (query_codes.py): nobody, staff included, can read a code back.
    query_code_hash = models.CharField("查询码（哈希）", max_length=128, editable=False)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField("申请人姓名", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    org_name = models.CharField("单位名称", max_length=200, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    applicant_key = models.CharField("申请人标识", max_length=60, db_index=True, editable=False)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需信息描述", max_length=DESCRIPTION_CHARS,
                                   validators=[max_length_validator("所需信息描述", DESCRIPTION_CHARS)])
    purpose = models.CharField("用途（选填）", max_length=200, blank=True)
    form_wanted = models.CharField("获取信息的形式", max_length=20, choices=FormWanted.choices)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField("提交日期")
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    step_due_on = models.DateField("当前环节期限", null=True, blank=True, db_index=True,
                                   help_text="补正期限、缴费期限或征求意见期限")
    due_unknown_year = models.PositiveSmallIntegerField(
        "答复期限无法计算的年份", null=True, blank=True, db_index=True,
        help_text="该年节假日安排未录入，答复期限暂无法计算")
    sort_due = models.DateField("排序用答复期限", default=NO_DUE, editable=False,
                                help_text="答复期限；无期限时为9999-12-31（排在最后），供索引排序")
    is_open = models.BooleanField("未办结", default=True, editable=False)
    state = models.CharField("状态", max_length=30, choices=State.choices, db_index=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["sort_due", "id"]
        indexes = [
            # The workbench: equality on agency (and state, or open/closed), then due date order from the index.
            models.Index(fields=["agency", "state", "sort_due", "id"]),
            models.Index(fields=["agency", "is_open", "sort_due", "id"]),
            models.Index(fields=["agency", "sort_due", "id"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "state", "received_on"]),  # one state of one year: few rows to sort
            # The annual report's 表三 and the county roll-up read only this index (bench/bench_report.py).
            models.Index(fields=["agency", "received_on", "closed_on", "applicant_type", "outcome"],
                         name="request_report_cover"),
        ]
        constraints = [
            # 表三 has one column per applicant type: any other value would be counted under 其他 unseen.
            models.CheckConstraint(condition=models.Q(applicant_type__in=APPLICANT_KEYS),
                                   name="request_applicant_type_valid"),
        ]

    # The plaintext code: only on the instance that created the request, for the one receipt that shows it.
    query_code = None

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if not self.query_code_hash:
            self.query_code = query_codes.new_code()
            self.query_code_hash = query_codes.make_hash(self.query_code)
        super().save(*args, **kwargs)

    @property
    def display_applicant(self) -> str:
        return self.org_name or self.applicant_name

    @property
    def due_warning(self) -> str:
        return missing_year_warning(self.due_unknown_year) if self.due_unknown_year and self.is_open else ""

    @property
    def is_paused(self) -> bool:
        """The reply clock waits on a consultation or a payment: due_on is then a projection (clockfeed)."""
        return self.state in (State.CONSULTING, State.AWAITING_FEE)


def attachment_path(instance, filename):
    return f"requests/{instance.request.agency_id}/{instance.request_id}/{filename}"


class Attachment(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey("RequestEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    file = models.FileField("附件", upload_to=attachment_path, storage=private_storage_backend)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self):
        return self.name


class Document(models.Model):
    """An issued letter. Never edited: a correction is a new Document whose `replaces` is the old one.

    The .docx bytes live in the row itself: a rolled-back move leaves no file behind, and no public URL exists."""

    class Kind(models.TextChoices):
        SUPPLEMENT_NOTICE = "supplement_notice", "补正通知书"
        CONSULTATION_LETTER = "consultation_letter", "征求意见函"
        EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
        FEE_NOTICE = "fee_notice", "收费通知书"
        TRANSFER_NOTICE = "transfer_notice", "非本机关负责公开告知书"
        REPLY = "reply", "政府信息公开申请答复告知书"

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书类型", max_length=30, choices=Kind.choices)
    number = models.CharField("文号", max_length=80)
    title = models.CharField("标题", max_length=200)
    content = models.BinaryField("文件内容（.docx）")
    data = models.JSONField("文书数据", default=dict)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by", verbose_name="更正的文书")
    issued_on = models.DateField("发文日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "id"]

    def __str__(self):
        return f"{self.title}（{self.number}）"

    @property
    def filename(self) -> str:
        return f"{self.title}-{self.number}.docx"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("已发出的文书不能修改；请发出更正文书")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("已发出的文书不能删除")


def disclosed_file_path(instance, filename):
    return f"disclosed/{instance.request.agency_id}/{instance.request_id}/{filename}"


class DisclosedFile(models.Model):
    """The information disclosed with a 予以公开 or 部分公开 reply: the applicant downloads it with the letter on
    the query page. Only in the private storage, streamed after the query code (or staff access) is checked."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="disclosed_files")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="disclosed_files",
                                 verbose_name="答复告知书")
    file = models.FileField("文件", upload_to=disclosed_file_path, storage=private_storage_backend, max_length=300)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "公开的信息（答复附件）"
        verbose_name_plural = "公开的信息（答复附件）"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class RequestEvent(models.Model):
    """One dated step of a request. Append-only: rows are never updated or deleted."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    day = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="操作人")
    actor_label = models.CharField("操作人名称", max_length=150)
    reason = models.TextField("理由/说明", blank=True, max_length=REASON_CHARS,
                              validators=[max_length_validator("理由/说明", REASON_CHARS)])
    data = models.JSONField("数据", default=dict)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="events")

    class Meta:
        verbose_name = "申请办理记录"
        verbose_name_plural = "申请办理记录"
        ordering = ["day", "id"]

    def __str__(self):
        return f"{self.day} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("办理记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("办理记录只能追加，不能删除")


class FeeNotice(models.Model):
    """国办函〔2020〕109号: one request, one charging method, one notice in force. A corrected notice is a
    new row that `replaces` the old one, which keeps its figures and gets `superseded_on`."""

    class Method(models.TextChoices):
        BY_ITEM = "by_item", "按件计收"
        BY_PAGE = "by_page", "按量计收"

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="fee_notices")
    method = models.CharField("计费方式", max_length=10, choices=Method.choices)
    quantity = models.PositiveIntegerField("件数/页数")
    amount_yuan = models.PositiveIntegerField("金额（元）")
    explanation = models.JSONField("计算过程", default=list)
    notified_on = models.DateField("申请人收到通知日期")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by", verbose_name="更正的收费通知")
    superseded_on = models.DateField("被更正日期", null=True, blank=True,
                                     help_text="已由更正后的收费通知替代；不再有效")

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        constraints = [
            models.UniqueConstraint(fields=["request"], condition=models.Q(superseded_on__isnull=True),
                                    name="fee_notice_one_in_force_per_request"),
        ]

    def __str__(self):
        return f"{self.request.number} {self.amount_yuan}元"


class FormToken(models.Model):
    """One-time token of the public form: a double-clicked submit finds it used and gets the first receipt."""

    token = models.CharField(max_length=40, unique=True)
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.token


class ImportJob(models.Model):
    """An uploaded ledger waiting to be imported, being imported, or imported: the web request only stores the file
    and this row; `importjobs.run_job` does the work outside it (a thread on the host that took the upload, or
    `gongkai runjobs` on any host). The row is the queue: a job is claimed by one conditional UPDATE."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已导入"
        FAILED = "failed", "未导入"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT,
                             related_name="+")
    filename = models.CharField("文件名", max_length=200)
    # The upload itself, in the row so that any host can run the job; emptied when the job ends.
    content = models.BinaryField("文件内容", default=b"", editable=False)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    result = models.JSONField("结果", default=dict, blank=True,
                              help_text="已导入：件数、各机关件数、编号范围；未导入：问题清单")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "台账导入任务"
        verbose_name_plural = "台账导入任务"
        ordering = ["-id"]

    def __str__(self):
        return f"{self.filename}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
