"""The agency tree and who works in which agency with which role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction

from gongkai.statute.identifiers import org_code_from_uscc, org_code_problem, uscc_problem


class Level(models.TextChoices):
    STATE_COUNCIL_DEPARTMENT = "state_council_department", "国务院部门"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡/镇"
    SUBDISTRICT = "subdistrict", "街道"


class Kind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem)


def validate_org_code(value: str) -> None:
    problem = org_code_problem(value)
    if problem:
        raise ValidationError(problem)


class AgencyQuerySet(models.QuerySet):
    def subtree_of(self, agency):
        return self.filter(path__startswith=agency.path)


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, help_text="用于编号，如“宗朗乡”")
    level = models.CharField("层级", max_length=30, choices=Level.choices)
    kind = models.CharField("机关类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, null=True, blank=True, validators=[validate_uscc],
    )
    org_code = models.CharField(
        "组织机构代码", max_length=9, blank=True, validators=[validate_org_code],
        help_text="9位，用于索引号；填写统一社会信用代码后自动取其第9至17位",
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    website = models.URLField("门户网站", blank=True)
    request_number_format = models.CharField(
        "依申请编号格式", max_length=100, default="{short_name}依申〔{year}〕第{serial}号",
        help_text="可用 {short_name} {year} {serial} {serial:05d}",
    )
    index_number_format = models.CharField(
        "索引号格式", max_length=100, default="{org_code}/{year}-{serial:05d}",
        help_text="可用 {org_code} {uscc} {year} {serial:05d}",
    )

    supplement_period_days = models.PositiveSmallIntegerField(
        "补正期限默认工作日数", default=15, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="补正通知书应载明合理的补正期限（条例第三十条）；发出补正通知时预填此数，经办人可改",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.uscc and not self.org_code:
            self.org_code = org_code_from_uscc(self.uscc)
        if self.pk and self.parent_id and self.parent.path.startswith(self.path or "~"):
            raise ValidationError({"parent": "上级机关不能是本机关或其下级机关"})
        for template, field in ((self.request_number_format, "request_number_format"),
                                (self.index_number_format, "index_number_format")):
            try:
                template.format(short_name="x", year=2025, serial=1, org_code="x", uscc="x")
            except (KeyError, ValueError, IndexError) as exc:
                raise ValidationError({field: f"格式无效：{exc}"}) from None

    @property
    def is_county_or_above_government(self) -> bool:
        """条例 Art. 49: a county-or-above government's own report is due 31 March, not 31 January."""
        return self.kind == Kind.GOVERNMENT and self.level in {Level.PROVINCE, Level.CITY, Level.COUNTY}

    def save(self, *args, **kwargs):
        if self.uscc and not self.org_code:
            self.org_code = org_code_from_uscc(self.uscc)
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)  # the path needs the primary key
                args, kwargs = (), {}
            old_path = self.path
            self.path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                for child in self.children.all():
                    child.save()  # each child recomputes its own path from ours


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER_FIRST = "reviewer_first", "初审"
    REVIEWER_SECOND = "reviewer_second", "复审"
    REVIEWER_FINAL = "reviewer_final", "终审"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"
    SUPERVISOR = "supervisor", "上级监督"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships",
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} · {self.agency.short_name} · {self.get_role_display()}"
