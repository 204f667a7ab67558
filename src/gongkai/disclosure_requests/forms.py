"""Forms: the applicant's details (Art. 29), staff registration, the public form, and one small form per move."""

from datetime import date
from pathlib import Path
from types import MappingProxyType

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from gongkai.agencies.models import Agency
from gongkai.core import forms as gkforms
from gongkai.statute.clock import CalendarYearMissing, add_workdays
from gongkai.statute.identifiers import id_card_problem, uscc_problem
from gongkai.workdays.calendar import get_calendar

from . import query_codes
from .limits import REASON_CHARS, SHORT_CHARS, SUPPLEMENT_CHARS, WITHDRAW_REASON_CHARS, name_too_long_errors
from .models import Channel, Delivery, EventKind, IdType, Request

APPLICANT_FIELDS = [
    "applicant_type", "applicant_name", "id_type", "id_number", "org_name", "uscc", "phone", "email",
    "address", "postcode", "description", "purpose", "form_wanted", "delivery",
]
ALLOWED_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".txt", ".ofd", ".wps"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
SUPPLEMENT_MIN_DAYS, SUPPLEMENT_MAX_DAYS = 1, 60  # the agency's default is bounded the same way
MAX_DISCLOSED_FILES = 10  # the information disclosed with one reply, sent in one go
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CORRECTION_HELP = ("仅当日期所在年度的政府信息公开工作年度报告已发布时填写："
                   "本记录将作为更正记入审计记录，该年度报告标记为需要更正")


class ApplicantForm(gkforms.ModelForm):
    class Meta:
        model = Request
        fields = APPLICANT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_type"].required = False
        self.fields["description"].help_text = "请写明所需信息的名称、文号或者便于检索的其他特征性描述"
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label}不能为空"
        name_too_long_errors(self)

    def clean_description(self):
        text = (self.cleaned_data.get("description") or "").strip()
        if not text:
            raise forms.ValidationError("所需信息描述不能为空")
        return text

    def clean(self):
        data = super().clean()
        for field, message in applicant_problems(data):
            self.add_error(field, message)
        return data


def applicant_problems(data: dict) -> list[tuple[str, str]]:
    """Art. 29 beyond single fields: an identity document for a person, name and 统一社会信用代码 for an
    organisation, one way to reach the applicant. Normalises the numbers in `data`. Shared by the form and the
    ledger import."""
    problems = []
    if data.get("applicant_type") == "natural_person":
        if not data.get("id_type"):
            problems.append(("id_type", "请选择身份证件类型"))
        if not data.get("id_number"):
            problems.append(("id_number", "请填写身份证件号码"))
        elif data.get("id_type") == IdType.RESIDENT_ID:
            problem = id_card_problem(data["id_number"])
            if problem:
                problems.append(("id_number", problem))
            else:
                data["id_number"] = data["id_number"].strip().upper()
    elif data.get("applicant_type"):
        if not data.get("org_name"):
            problems.append(("org_name", "法人或其他组织须填写单位名称"))
        if not data.get("uscc"):
            problems.append(("uscc", "法人或其他组织须填写统一社会信用代码"))
        else:
            problem = uscc_problem(data["uscc"])
            if problem:
                problems.append(("uscc", problem))
            else:
                data["uscc"] = data["uscc"].strip().upper()
    if not (data.get("phone") or data.get("email") or data.get("address")):
        problems.append(("phone", "联系电话、电子邮箱、通信地址至少填写一项"))
    return problems


class RegisterForm(ApplicantForm):
    """条例 Art. 31: the receipt date depends on the channel (domain.md A §5)."""

    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())
    channel = forms.ChoiceField(label="申请渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    submitted_on = forms.DateField(label="申请书落款/寄出日期", required=False, widget=DATE)
    received_on = forms.DateField(
        label="收到申请日期", widget=DATE,
        help_text="当面提交：提交之日；邮寄需签收：签收之日；平常信函：与申请人确认之日；传真、电子邮件：双方确认之日",
    )
    correction_reason = forms.CharField(
        label="补录更正理由", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=REASON_CHARS,
        help_text=CORRECTION_HELP,
    )

    field_order = ["agency", "channel", "submitted_on", "received_on", *APPLICANT_FIELDS, "correction_reason"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        submitted, received = data.get("submitted_on"), data.get("received_on")
        if data.get("channel") == Channel.IN_PERSON and submitted and received and submitted != received:
            self.add_error("received_on", "当面提交的，收到申请日期即为提交之日（条例第三十一条第（一）项）")
        return data

    def applicant_fields(self) -> dict:
        data = {f: self.cleaned_data[f] for f in APPLICANT_FIELDS}
        data["channel"] = self.cleaned_data["channel"]
        if self.cleaned_data.get("submitted_on"):
            data["submitted_on"] = self.cleaned_data["submitted_on"]
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def check_attachments(files, *, max_files: int = MAX_ATTACHMENTS) -> list[str]:
    """Type and size limits; executables are refused by name and by their first bytes."""
    problems = []
    if len(files) > max_files:
        problems.append(f"附件最多{max_files}个")
    for f in files:
        ext = Path(f.name).suffix.lower()
        head = f.read(4)
        f.seek(0)
        if ext not in ALLOWED_EXTENSIONS or head.startswith(_EXECUTABLE_MAGIC):
            problems.append(f"附件“{f.name}”的类型不允许上传（仅限PDF、图片、Word、Excel、文本、OFD文件）")
        elif f.size > MAX_ATTACHMENT_BYTES:
            problems.append(f"附件“{f.name}”超过10MB")
    return problems


class AttachmentsMixin:
    """`refused`: files the upload handler stopped while they streamed in (core.uploads.upload_refusals)."""

    def __init__(self, *args, refused=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = list(refused)

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        problems = self.refused + check_attachments(files)
        if problems:
            raise forms.ValidationError(problems)
        return files


class DisclosedFilesForm(gkforms.Form):
    """Staff attach the information disclosed with a 予以公开/部分公开 reply (disclosed.attach_files checks)."""

    files = MultipleFileField(label=f"公开的信息（文件，最多{MAX_DISCLOSED_FILES}个，每个不超过10MB）")

    def __init__(self, *args, refused=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = list(refused)
        self.fields["files"].error_messages["required"] = "请选择要附送的文件"

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        problems = self.refused + check_attachments(files, max_files=MAX_DISCLOSED_FILES)
        if problems:
            raise forms.ValidationError(problems)
        return files


class PublicRequestForm(AttachmentsMixin, ApplicantForm):
    agency = forms.ModelChoiceField(label="申请公开的机关", queryset=Agency.objects.all())
    attachments = MultipleFileField(label="附件（选填，如身份证明复印件；每个不超过10MB）", required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)

    field_order = ["agency", *APPLICANT_FIELDS, "attachments"]


# A 100,000-row ledger is about 6 MB as .xlsx; 50 MB leaves room for long texts. Keep deploy/nginx in step.
LEDGER_IMPORT_MAX_BYTES = 50 * 1024 * 1024


class LedgerImportForm(gkforms.Form):
    file = forms.FileField(label="台账文件（.xlsx，不超过50MB）")

    def __init__(self, *args, refused=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = list(refused)

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if self.refused:
            raise forms.ValidationError("台账文件超过50MB，未上传")
        if f is None or not f.name.lower().endswith(".xlsx") or f.size > LEDGER_IMPORT_MAX_BYTES:
            raise forms.ValidationError("请上传不超过50MB的 .xlsx 文件")
        from gongkai.core.errors import DomainError
        from gongkai.core.xlsx_upload import check_streamed_upload

        try:  # not a workbook, or a zip bomb: refused now, not after queueing
            check_streamed_upload(f, label="台账文件")
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        f.seek(0)
        return f

    def clean(self):
        data = super().clean()
        if self.refused and "file" not in self.errors:
            self.add_error("file", "台账文件超过50MB，未上传")
        return data


class QueryForm(gkforms.Form):
    number = forms.CharField(label="申请编号", max_length=60,
                             error_messages={"required": "请填写申请编号", "max_length": "申请编号不能超过60个字"})
    code = forms.CharField(label="查询码", max_length=20,
                           error_messages={"required": "请填写查询码", "max_length": "查询码不能超过20个字"})

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean_code(self):
        return query_codes.normalize(self.cleaned_data["code"])


class SupplementUploadForm(AttachmentsMixin, gkforms.Form):
    text = forms.CharField(label="补正内容", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=SUPPLEMENT_CHARS)
    attachments = MultipleFileField(label="补正材料", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_too_long_errors(self)


class WithdrawForm(gkforms.Form):
    reason = forms.CharField(label="撤回理由", required=False, max_length=WITHDRAW_REASON_CHARS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_too_long_errors(self)


# --- one small form per staff move ---------------------------------------------------------------


class MoveForm(gkforms.Form):
    day = forms.DateField(label="日期", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("day", timezone.localdate())
        name_too_long_errors(self)

    def payload(self) -> dict:
        top = ("day", "reason", "correction_reason")
        data = {k: v for k, v in self.cleaned_data.items() if k not in top}
        out = {"day": self.cleaned_data["day"], "reason": self.cleaned_data.get("reason", ""), "data": data}
        if "correction_reason" in self.fields:
            out["correction_reason"] = self.cleaned_data.get("correction_reason", "")
        return out

    def add_correction_field(self) -> None:
        """For a move that decides a report figure (published_years.REPORTED_KINDS)."""
        self.fields["correction_reason"] = forms.CharField(
            label="补录更正理由", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=REASON_CHARS,
            help_text=CORRECTION_HELP)


def _reason(label="理由/说明", required=False):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=REASON_CHARS)


class WorkdaysInput(forms.NumberInput):
    """A number of working days with, beside it, the date it comes to (filled by the form, refreshed by htmx)."""

    template_name = "disclosure_requests/widgets/workdays.html"
    due_text = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["due_text"] = self.due_text
        return context


def supplement_due_text(day, days) -> str:
    """The 补正 deadline `days` working days after the notice `day`, in words, by the working-day calendar."""
    try:
        day = day if isinstance(day, date) else date.fromisoformat(str(day))
        days = int(days)
    except (TypeError, ValueError):
        return "填写通知日期和工作日数后显示截止日期"
    if not SUPPLEMENT_MIN_DAYS <= days <= SUPPLEMENT_MAX_DAYS:
        return f"补正期限应为{SUPPLEMENT_MIN_DAYS}至{SUPPLEMENT_MAX_DAYS}个工作日"
    try:
        due = add_workdays(day, days, get_calendar())
    except CalendarYearMissing as exc:
        return f"截止日期无法计算：{exc.year}年节假日安排未录入"
    return (f"截止日期：{date_format(due, 'Y年n月j日')}（{date_format(due, 'l')}），"
            f"自{date_format(day, 'n月j日')}起第{days}个工作日")


class SupplementForm(MoveForm):
    """条例 Art. 30: the notice states what to supplement and a reasonable period; the agency's default is offered."""

    items = forms.CharField(label="需补正的事项", widget=forms.Textarea(attrs={"rows": 2}), max_length=REASON_CHARS)
    period_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=SUPPLEMENT_MIN_DAYS, max_value=SUPPLEMENT_MAX_DAYS, widget=WorkdaysInput,
        help_text="自通知日期的次日起按工作日计算（法定节假日和调休按工作日历），预填本机关设定的默认期限",
        error_messages={"required": "请填写补正期限（工作日数）",
                        "min_value": f"补正期限至少{SUPPLEMENT_MIN_DAYS}个工作日",
                        "max_value": f"补正期限不超过{SUPPLEMENT_MAX_DAYS}个工作日"},
    )
    error_fields = MappingProxyType({"supplement_due": "period_days"})

    def __init__(self, *args, agency=None, preview_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].label = "通知日期"
        if agency is not None:
            self.initial.setdefault("period_days", agency.supplement_period_days)
        if preview_url:
            target = f"#{self['period_days'].auto_id}_due"
            for name in ("day", "period_days"):
                self.fields[name].widget.attrs.update({
                    "hx-get": preview_url, "hx-include": "closest form", "hx-target": target,
                    "hx-trigger": "input changed delay:300ms, change", "hx-sync": "closest form:replace"})
        self.fields["period_days"].widget.due_text = supplement_due_text(
            self["day"].value(), self["period_days"].value())

    def clean(self):
        data = super().clean()
        day, days = data.get("day"), data.get("period_days")
        if day and days:
            try:
                data["supplement_due"] = add_workdays(day, days, get_calendar())
            except CalendarYearMissing as exc:
                self.add_error("period_days", f"截止日期无法计算：{exc.year}年节假日安排未录入，请管理员录入")
        return data


class SupplementReceivedForm(MoveForm):
    text = forms.CharField(label="补正内容", widget=forms.Textarea(attrs={"rows": 2}), max_length=SUPPLEMENT_CHARS)
    reason = _reason("逾期补正的正当理由（超过补正期限时必填，须由负责人办理）")


class ConsultationForm(MoveForm):
    party_kind = forms.ChoiceField(label="征求意见对象", choices=[("third_party", "第三方（条例第三十二条）"),
                                                              ("agency", "其他机关（条例第三十四条）")])
    party_name = forms.CharField(label="对象名称", max_length=SHORT_CHARS)
    subject = forms.CharField(label="涉及对方的内容（选填，写入征求意见函）", required=False, max_length=REASON_CHARS,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationAnswerForm(MoveForm):
    consent = forms.TypedChoiceField(label="对方意见", choices=[("1", "同意公开"), ("0", "不同意公开")],
                                     coerce=lambda v: v == "1")
    reason = _reason("意见摘要")


class ExtensionForm(MoveForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = _reason("延期理由", required=True)


class FeeForm(MoveForm):
    method = forms.ChoiceField(label="计费方式", choices=[("by_item", "按件计收"), ("by_page", "按量计收")])
    quantity = forms.IntegerField(label="页数（按量计收时填写）", min_value=0, required=False)


class FeeCorrectionForm(FeeForm):
    reason = _reason("更正理由", required=True)


class FeePaidForm(MoveForm):
    reason = _reason("逾期缴费的正当理由（超过缴费期限时必填，须由负责人办理）")


class ReplyForm(MoveForm):
    outcome = forms.ChoiceField(label="办理结果")
    how = forms.CharField(label="获取信息的方式、途径", required=False, max_length=SHORT_CHARS)
    withheld = forms.CharField(label="不予公开的内容（部分公开时必填）", required=False, max_length=REASON_CHARS)
    reason = _reason("理由")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.statute.outcomes import OUTCOMES

        from .guards import LAPSE_ONLY_OUTCOMES

        self.fields["outcome"].choices = [("", "请选择")] + [
            (o.key, o.full_label) for o in OUTCOMES if o.key not in LAPSE_ONLY_OUTCOMES
        ]


class TransferForm(MoveForm):
    competent_agency = forms.CharField(label="负责公开的机关", max_length=SHORT_CHARS)
    contact = forms.CharField(label="联系方式", required=False, max_length=SHORT_CHARS)
    reason = _reason()


class DeliveryForm(MoveForm):
    method = forms.ChoiceField(label="送达方式", choices=Delivery.choices)


class AssignForm(MoveForm):
    assignee = forms.TypedChoiceField(label="经办人", coerce=int)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(u.pk, u.get_full_name()) for u in staff]


class ReasonForm(MoveForm):
    reason = _reason()


class CorrectionForm(MoveForm):
    reason = _reason("更正理由", required=True)


MOVE_FORMS = {
    EventKind.CONFIRMED: MoveForm,
    EventKind.SUPPLEMENT_REQUESTED: SupplementForm,
    EventKind.SUPPLEMENT_RECEIVED: SupplementReceivedForm,
    EventKind.SUPPLEMENT_LAPSED: MoveForm,
    EventKind.CONSULTATION_OPENED: ConsultationForm,
    EventKind.CONSULTATION_ANSWERED: ConsultationAnswerForm,
    EventKind.CONSULTATION_LAPSED: MoveForm,
    EventKind.EXTENDED: ExtensionForm,
    EventKind.FEE_NOTIFIED: FeeForm,
    EventKind.FEE_CORRECTED: FeeCorrectionForm,
    EventKind.FEE_PAID: FeePaidForm,
    EventKind.FEE_LAPSED: MoveForm,
    EventKind.ASSIGNED: AssignForm,
    EventKind.WITHDRAWN: ReasonForm,
    EventKind.TRANSFERRED: TransferForm,
    EventKind.REPLIED: ReplyForm,
    EventKind.DELIVERED: DeliveryForm,
    EventKind.CORRECTED: CorrectionForm,
}
