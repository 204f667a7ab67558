"""Request bodies and answers of the intake and status endpoints; every field is described in Chinese for the
OpenAPI schema. Applicant fields are validated by the public form (forms.IntakeForm), not by DRF, so the
messages are the form's own."""

from collections.abc import Mapping

from django.urls import reverse
from rest_framework import serializers

from gongkai.disclosure_requests.forms import APPLICANT_FIELDS
from gongkai.disclosure_requests.models import (
    APPLICANT_TYPE_CHOICES,
    FORWARDED_CHANNELS,
    Channel,
    Delivery,
    FormWanted,
    IdType,
    State,
)

from .forms import IntakeForm, form_data

FORWARDED_CHANNEL_CHOICES = [(c.value, c.label) for c in FORWARDED_CHANNELS]


def _choices_text(choices) -> str:
    return "；".join(f"{value}＝{label}" for value, label in choices)


def _required(label: str) -> dict:
    return {"required": f"{label}不能为空", "blank": f"{label}不能为空", "null": f"{label}不能为空"}


class IntakeSerializer(serializers.Serializer):
    # --- what the forwarding platform adds ---
    channel = serializers.ChoiceField(
        choices=FORWARDED_CHANNEL_CHOICES,
        help_text=f"申请渠道：{_choices_text(FORWARDED_CHANNEL_CHOICES)}。收到申请日期按条例第三十一条第（三）项为双方确认之日，"
                  "即本接口受理并返回申请编号之日",
        error_messages={**_required("申请渠道"), "invalid_choice": "申请渠道应为 forwarded_platform（网络平台转办）"
                                                                   "或 forwarded_12345（12345转办）"})
    reference = serializers.CharField(
        max_length=100, help_text="转办平台自己的工单号。同一平台对同一机关重复提交同一工单号，不会产生第二件申请，"
                                  "而是返回第一次受理的申请",
        error_messages={**_required("平台工单号"), "max_length": "平台工单号不能超过100个字符"})
    submitted_on = serializers.DateField(
        required=False, help_text="申请人在转办平台提交申请的日期（选填，默认为受理当日），格式 YYYY-MM-DD",
        error_messages={"invalid": "申请人提交日期格式应为 YYYY-MM-DD"})
    forwarded_at = serializers.DateTimeField(
        required=False, help_text="转办平台转出该申请的时间（选填，ISO 8601，仅作记录，不影响收到申请日期）",
        error_messages={"invalid": "平台转办时间格式应为 ISO 8601，如 2026-11-30T09:30:00+08:00"})
    # --- the applicant, as on the public form (条例第二十九条) ---
    applicant_type = serializers.ChoiceField(
        choices=APPLICANT_TYPE_CHOICES, help_text=f"申请人类型：{_choices_text(APPLICANT_TYPE_CHOICES)}")
    applicant_name = serializers.CharField(help_text="申请人姓名；法人或其他组织填写经办人姓名")
    id_type = serializers.ChoiceField(
        choices=IdType.choices, required=False,
        help_text=f"身份证件类型（自然人必填）：{_choices_text(IdType.choices)}")
    id_number = serializers.CharField(required=False,
                                      help_text="身份证件号码（自然人必填；居民身份证校验第18位校验码）")
    org_name = serializers.CharField(required=False, help_text="单位名称（法人或其他组织必填）")
    uscc = serializers.CharField(required=False, help_text="统一社会信用代码（法人或其他组织必填，校验第18位校验码）")
    phone = serializers.CharField(required=False, help_text="联系电话；联系电话、电子邮箱、通信地址至少填写一项")
    email = serializers.CharField(required=False, help_text="电子邮箱")
    address = serializers.CharField(required=False, help_text="通信地址")
    postcode = serializers.CharField(required=False, help_text="邮政编码（6位）")
    description = serializers.CharField(help_text="所需信息描述：所需信息的名称、文号或者便于检索的其他特征性描述")
    purpose = serializers.CharField(required=False, help_text="用途（选填）")
    form_wanted = serializers.ChoiceField(
        choices=FormWanted.choices, help_text=f"获取信息的形式：{_choices_text(FormWanted.choices)}")
    delivery = serializers.ChoiceField(
        choices=Delivery.choices, help_text=f"获取信息的方式：{_choices_text(Delivery.choices)}")

    PLATFORM_FIELDS = ("channel", "reference", "submitted_on", "forwarded_at")

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"non_field_errors": ["请求体应为 JSON 对象"]})
        errors, values = {}, {}
        for name in self.PLATFORM_FIELDS:
            field = self.fields[name]
            try:
                value = field.run_validation(data.get(name, serializers.empty))
            except serializers.ValidationError as exc:
                errors[name] = exc.detail
                continue
            except serializers.SkipField:
                continue
            values[name] = value.strip() if isinstance(value, str) else value
        raw, type_errors = form_data(data, APPLICANT_FIELDS)
        form = IntakeForm(data=raw)
        if not form.is_valid():
            errors.update({name: list(messages) for name, messages in form.errors.items()})
        errors.update(type_errors)
        if errors:
            raise serializers.ValidationError(errors)
        return {**values, "applicant": form.applicant_fields()}


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="文书编号（平台内部编号）")
    kind = serializers.CharField(help_text="文书类型代码，如 reply（答复告知书）、supplement_notice（补正通知书）")
    kind_label = serializers.CharField(source="get_kind_display", help_text="文书类型名称")
    number = serializers.CharField(help_text="文号")
    title = serializers.CharField(help_text="标题")
    issued_on = serializers.DateField(help_text="发文日期")
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True,
                                        help_text="本文书更正的文书编号；无则为 null")
    url = serializers.SerializerMethodField(help_text="下载地址（.docx），需使用同一令牌")

    def get_url(self, obj) -> str:
        path = reverse("api:request-document", kwargs={"number": obj.request.number, "document_id": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SupplementRequestedSerializer(serializers.Serializer):
    items = serializers.CharField(help_text="需补正的事项")
    supplement_due = serializers.DateField(help_text="补正期限（申请人应在此日期前补正）")
    requested_on = serializers.DateField(help_text="补正通知日期")


class RequestStatusSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="申请编号")
    agency = serializers.CharField(source="agency.name", help_text="受理机关")
    agency_code = serializers.CharField(source="agency.uscc", allow_null=True, help_text="受理机关统一社会信用代码")
    channel = serializers.ChoiceField(choices=Channel.choices, help_text="申请渠道代码")
    channel_label = serializers.CharField(source="get_channel_display", help_text="申请渠道名称")
    reference = serializers.CharField(source="forwarded.reference", help_text="转办平台工单号")
    state = serializers.ChoiceField(choices=State.choices, help_text=f"办理状态：{_choices_text(State.choices)}")
    state_label = serializers.CharField(source="get_state_display", help_text="办理状态名称")
    submitted_on = serializers.DateField(help_text="申请人提交日期")
    received_on = serializers.DateField(allow_null=True, help_text="收到申请日期（条例第三十一条）")
    due_on = serializers.DateField(
        allow_null=True, help_text="答复期限（条例第三十三条，按工作日计算并扣除补正、征求意见等不计入的期间）；"
                                   "期限所在年度的节假日安排尚未公布时为 null，见 due_warning")
    due_warning = serializers.CharField(help_text="答复期限暂无法计算时的说明，否则为空字符串")
    step_due_on = serializers.DateField(allow_null=True, help_text="当前环节期限：补正期限、缴费期限或征求意见期限")
    closed_on = serializers.DateField(allow_null=True, help_text="办结日期")
    outcome = serializers.CharField(allow_null=True, help_text="办理结果代码（年度报告表三的行），未办结为 null")
    outcome_label = serializers.SerializerMethodField(help_text="办理结果名称，未办结为空字符串")
    supplement = serializers.SerializerMethodField(help_text="机关要求补正的内容；未要求补正时为 null")
    documents = DocumentSerializer(many=True, source="issued_documents", help_text="已发出的文书")

    def get_outcome_label(self, obj) -> str:
        return obj.get_outcome_display() if obj.outcome else ""

    def get_supplement(self, obj) -> SupplementRequestedSerializer(allow_null=True):
        event = obj.events.filter(kind="supplement_requested").order_by("day", "id").first()
        if event is None:
            return None
        return {"items": event.data.get("items", ""), "supplement_due": event.data.get("supplement_due"),
                "requested_on": event.day.isoformat()}


class IntakeResultSerializer(serializers.Serializer):
    created = serializers.BooleanField(help_text="true：本次新受理；false：该工单号已受理过，返回第一次受理的申请")
    number = serializers.CharField(help_text="申请编号")
    query_code = serializers.CharField(
        allow_null=True, help_text="查询码：申请人凭申请编号和查询码在 /ysqgk/query/ 查询办理进度。"
                                   "只在首次受理时返回一次，重复提交时为 null，请转办平台转告申请人")
    received_on = serializers.DateField(help_text="收到申请日期（条例第三十一条第（三）项：双方确认之日）")
    due_on = serializers.DateField(allow_null=True, help_text="答复期限；节假日安排尚未公布、暂无法计算时为 null")
    due_warning = serializers.CharField(help_text="答复期限暂无法计算时的说明，否则为空字符串")
    status_url = serializers.CharField(help_text="查询办理状态的接口地址")


class SupplementSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="补正内容（申请人对补正通知所列事项的补充说明）",
                                 error_messages=_required("补正内容"), max_length=5000)
