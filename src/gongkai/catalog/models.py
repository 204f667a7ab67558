"""The 政府信息公开目录: columns, channels, items with their versions, publications, 三审 reviews, feedback."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency, Role
from gongkai.core.storage import private_storage_backend

from .body import clean_body, render_body

# --- columns and channels ---------------------------------------------------------------------


class ColumnKind(models.TextChoices):
    """The kind sets the update rule of 国办秘函〔2019〕19号 (栏目不更新)."""

    DYNAMIC = "dynamic", "动态、要闻类（2周内须更新）"
    NOTICE = "notice", "通知公告类（6个月内须更新）"
    POLICY = "policy", "政策文件类（6个月内须更新）"
    FIXED = "fixed", "固定栏目"
    SYSTEM = "system", "公开制度（固定栏目）"
    ANNUAL_REPORT = "annual_report", "政府信息公开工作年度报告"


class Column(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="columns")
    name = models.CharField("栏目名称", max_length=60)
    kind = models.CharField("栏目类型", max_length=20, choices=ColumnKind.choices, default=ColumnKind.FIXED)
    art20_item = models.PositiveSmallIntegerField(
        "对应条例第二十条", null=True, blank=True, choices=[(n, f"第（{n}）项") for n in range(1, 16)],
    )
    update_days = models.PositiveSmallIntegerField(
        "更新周期（天）", null=True, blank=True,
        help_text="动态、通知公告、政策文件类按类型规则；其他应定期更新的栏目（如人事、规划计划类）在此填写周期",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["agency", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="column_name_unique")]

    def __str__(self):
        return self.name


class ChannelKind(models.TextChoices):
    PORTAL = "portal", "政府门户网站"
    BOARD = "board", "公开栏"
    NEW_MEDIA = "new_media", "政务新媒体"
    TRADING = "trading", "公共资源交易平台"
    PROCUREMENT = "procurement", "政府采购网"


class Channel(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField("渠道类型", max_length=20, choices=ChannelKind.choices)
    name = models.CharField("名称", max_length=100)
    url = models.URLField("网址", blank=True)
    location = models.CharField("位置", max_length=100, blank=True, help_text="公开栏所在地，如“乡政府大院”")

    class Meta:
        verbose_name = "公开渠道"
        verbose_name_plural = "公开渠道"
        ordering = ["agency", "kind", "id"]

    def __str__(self):
        return f"{self.name}（{self.location}）" if self.location else self.name


# --- items ------------------------------------------------------------------------------------


class Topic(models.TextChoices):
    """主题分类 after the gov.cn catalogue (top level)."""

    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "国民经济管理、国有资产监管"
    FINANCE = "finance", "财政、金融、审计"
    LAND = "land", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY = "industry", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    MARKET = "market", "市场监管、安全生产监管"
    CONSTRUCTION = "construction", "城乡建设、环境保护"
    EDUCATION = "education", "科技、教育"
    CULTURE = "culture", "文化、广电、新闻出版"
    HEALTH = "health", "卫生、体育"
    POPULATION = "population", "人口与计划生育、妇女儿童工作"
    LABOUR = "labour", "劳动、人事、监察"
    JUSTICE = "justice", "公安、安全、司法"
    CIVIL = "civil", "民政、扶贫、救灾"
    ETHNIC = "ethnic", "民族、宗教"
    OTHER = "other", "其他"


class Genre(models.TextChoices):
    """体裁分类: the 公文种类 of 《党政机关公文处理工作条例》 plus the forms seen on township sites."""

    DECISION = "decision", "决定"
    ORDER = "order", "命令（令）"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "通告"
    OPINION = "opinion", "意见"
    NOTICE = "notice", "通知"
    BULLETIN = "bulletin", "通报"
    REPORT = "report", "报告"
    REPLY = "reply", "批复"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"
    PLAN = "plan", "方案、计划"
    INTERPRETATION = "interpretation", "政策解读"
    OTHER = "other", "其他"


class Openness(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_PUBLIC = "not_public", "不予公开"


class DocKind(models.TextChoices):
    NONE = "", "其他信息"
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class ItemState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    SCHEDULED = "scheduled", "待定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤稿"


ART20_LABELS = {
    1: "行政法规、规章和规范性文件", 2: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    3: "国民经济和社会发展规划、专项规划、区域规划及相关政策", 4: "国民经济和社会发展统计信息",
    5: "行政许可和其他对外管理服务事项", 6: "行政处罚、行政强制", 7: "财政预算、决算信息",
    8: "行政事业性收费项目及其依据、标准", 9: "政府集中采购项目的目录、标准及实施情况",
    10: "重大建设项目的批准和实施情况", 11: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    12: "突发公共事件的应急预案、预警信息及应对情况",
    13: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    14: "公务员招考的职位、名额、报考条件等事项以及录用结果",
    15: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
}
CHINESE_NUMERALS = "一二三四五六七八九十"


def art20_label(n: int) -> str:
    numeral = CHINESE_NUMERALS[n - 1] if n <= 10 else "十" + CHINESE_NUMERALS[n - 11]
    return f"第（{numeral}）项 {ART20_LABELS[n]}"


ART20_CHOICES = [(n, art20_label(n)) for n in range(1, 16)]


class ItemQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)

    def public(self):
        return self.filter(state=ItemState.PUBLISHED, openness=Openness.PROACTIVE)


class Item(models.Model):
    """The public record of one piece of information: the fields hold the approved (live) version.

    Before the first publication they mirror the latest draft, so staff lists show titles; after it,
    only an approved review changes them, so editing a published item never changes what the public sees.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="items")
    index_number = models.CharField("索引号", max_length=60, unique=True, null=True, blank=True, editable=False)
    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.DRAFT)
    title = models.CharField("信息名称", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    publisher = models.CharField("发布机构", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    genre = models.CharField("体裁分类", max_length=20, choices=Genre.choices, default=Genre.OTHER)
    openness = models.CharField("公开属性", max_length=20, choices=Openness.choices, default=Openness.PROACTIVE)
    art20_item = models.PositiveSmallIntegerField("条例第二十条", null=True, blank=True, choices=ART20_CHOICES)
    columns = models.ManyToManyField(Column, verbose_name="所属栏目", blank=True, related_name="items")
    doc_kind = models.CharField("文件类型", max_length=20, choices=DocKind.choices, default=DocKind.NONE, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    invalid_on = models.DateField("失效/废止日期", null=True, blank=True)
    interprets = models.ManyToManyField(
        "self", verbose_name="解读的政策文件", symmetrical=False, blank=True, related_name="interpretations",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="撰稿人", null=True, on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Every save: a publication, a newly approved version, a withdrawal. Harvesters ask for “changed since”.
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    live_version = models.ForeignKey(
        "ItemVersion", verbose_name="已发布版本", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    withdrawn_reason = models.TextField("撤稿原因", blank=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        ordering = ["-published_at", "-id"]
        indexes = [
            # Covers the public catalogue of one agency: its count is an index-only scan, its pages a range walk.
            models.Index(fields=["agency", "state", "openness", "-published_at", "-id"], name="item_agency_public_pub"),
            models.Index(fields=["state", "-published_at"], name="item_state_pub"),
            # The open-data API harvests public items in order of change (GET /api/v1/items/?order=updated_at).
            models.Index(fields=["state", "updated_at", "id"], name="item_state_updated"),
            # The portal's publisher filter lists an agency's distinct publishers: an index-only scan, not the rows.
            models.Index(fields=["agency", "publisher"], name="item_public_publisher",
                         condition=models.Q(state="published", openness="proactive")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    @property
    def body_html(self):
        """The body as the portal shows it: typed text keeps its paragraphs."""
        return render_body(self.body)

    @property
    def is_public(self) -> bool:
        return self.state == ItemState.PUBLISHED and self.openness == Openness.PROACTIVE

    @property
    def has_validity(self) -> bool:
        return bool(self.doc_kind)


# The content fields a version carries; applying a version copies exactly these onto the item.
VERSION_FIELDS = (
    "title", "summary", "body", "publisher", "doc_number", "written_on", "topic", "genre", "openness",
    "art20_item", "doc_kind", "validity", "invalid_on",
)


class ItemVersion(models.Model):
    """One edit of an item as its author saved it; a review approves one version."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField("信息名称", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    publisher = models.CharField("发布机构", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    genre = models.CharField("体裁分类", max_length=20, choices=Genre.choices, default=Genre.OTHER)
    openness = models.CharField("公开属性", max_length=20, choices=Openness.choices, default=Openness.PROACTIVE)
    art20_item = models.PositiveSmallIntegerField("条例第二十条", null=True, blank=True, choices=ART20_CHOICES)
    doc_kind = models.CharField("文件类型", max_length=20, choices=DocKind.choices, default=DocKind.NONE, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    invalid_on = models.DateField("失效/废止日期", null=True, blank=True)
    column_ids = models.JSONField("栏目", default=list, blank=True)
    channel_ids = models.JSONField("发布渠道", default=list, blank=True)
    interprets_ids = models.JSONField("解读的政策文件", default=list, blank=True)

    class Meta:
        verbose_name = "信息版本"
        verbose_name_plural = "信息版本"
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="item_version_unique")]

    def __str__(self):
        return f"{self.item_id} v{self.number}"

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)


class Attachment(models.Model):
    """A file of an item, public from the version it was added in up to the version that removes it.

    Both ends take effect only when their version is approved, so removing a public file in a draft leaves it
    on the portal until the draft passes 三审. The row stays afterwards: it records what was once published.
    The file sits in private storage: a draft's or a removed file must not be reachable by a guessable
    /media/ URL, so only the portal and staff download views (which check exactly this) stream it.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    added_in = models.ForeignKey(ItemVersion, verbose_name="随版本上传", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="attachments")
    removed_in = models.ForeignKey(ItemVersion, verbose_name="随版本删除", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="removed_attachments")
    name = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to="catalog/%Y/%m/", storage=private_storage_backend)
    size = models.PositiveIntegerField("大小（字节）", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self):
        return self.name


class Publication(models.Model):
    """Where and when an item went out: the report's “在门户网站公开…9条” counts these rows."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="publications")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="publications")
    posted_on = models.DateField("发布日期")

    class Meta:
        verbose_name = "发布记录"
        verbose_name_plural = "发布记录"
        constraints = [models.UniqueConstraint(fields=["item", "channel"], name="publication_unique")]

    def __str__(self):
        return f"{self.item} @ {self.channel}"


# --- 三审 -------------------------------------------------------------------------------------


class ReviewState(models.TextChoices):
    FIRST = "first", "待初审"
    SECOND = "second", "待复审"
    FINAL = "final", "待终审"
    SCHEDULED = "scheduled", "已通过，待定时发布"
    PUBLISHED = "published", "已通过并发布"
    REJECTED = "rejected", "已退回"
    CANCELLED = "cancelled", "已撤回"


OPEN_REVIEW_STATES = (ReviewState.FIRST, ReviewState.SECOND, ReviewState.FINAL, ReviewState.SCHEDULED)


class Level(models.TextChoices):
    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"


LEVEL_ROLES = {Level.FIRST: Role.REVIEWER_FIRST, Level.SECOND: Role.REVIEWER_SECOND, Level.FINAL: Role.REVIEWER_FINAL}


class Review(models.Model):
    """One run of 三审 over one submitted version (wagtail's WorkflowState, made smaller)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reviews")
    version = models.OneToOneField(ItemVersion, on_delete=models.PROTECT, related_name="review")
    state = models.CharField("审核状态", max_length=20, choices=ReviewState.choices, default=ReviewState.FIRST)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("提交时间")
    publish_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "三审记录"
        verbose_name_plural = "三审记录"
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(state__in=OPEN_REVIEW_STATES), name="one_open_review_per_item",
            ),
        ]

    def __str__(self):
        return f"{self.item}（{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REVIEW_STATES


class Decision(models.TextChoices):
    APPROVED = "approved", "通过"
    REJECTED = "rejected", "退回"


class ReviewStep(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="steps")
    level = models.CharField("审核级别", max_length=20, choices=Level.choices)
    decision = models.CharField("结论", max_length=20, choices=Decision.choices)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审核时间")
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "审核步骤"
        verbose_name_plural = "审核步骤"
        ordering = ["decided_at", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "level"], name="one_step_per_level")]

    def __str__(self):
        return f"{self.get_level_display()} {self.get_decision_display()}"


# --- 意见箱 -----------------------------------------------------------------------------------

FEEDBACK_REPLY_WORKDAYS = 10  # local practice; 国办秘函〔2019〕19号 only vetoes messages unanswered > 3 months


class Feedback(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="feedback")
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    subject = models.CharField("主题", max_length=100)
    message = models.TextField("留言内容")
    received_at = models.DateTimeField("收到时间", auto_now_add=True)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    reply = models.TextField("答复", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = "意见箱留言"
        verbose_name_plural = "意见箱留言"
        ordering = ["replied_at", "reply_due", "-received_at"]

    def __str__(self):
        return self.subject

