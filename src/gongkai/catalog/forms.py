"""Staff and public forms; services do the checking that needs the database."""

from django import forms

from gongkai.core import forms as gkforms
from gongkai.core.widgets import DateInput, DateTimeInput

from .attachments import MAX_BYTES, upload_problem
from .body import editable_text
from .models import VERSION_FIELDS, Channel, Column, Feedback, Item, ItemState, ItemVersion


class ItemForm(gkforms.ModelForm):
    """The editor: content fields of a version plus where it appears and what it interprets."""

    columns = forms.ModelMultipleChoiceField(Column.objects.none(), label="所属栏目", required=False,
                                             widget=forms.CheckboxSelectMultiple)
    channels = forms.ModelMultipleChoiceField(Channel.objects.none(), label="发布渠道（含公开栏）", required=False,
                                              widget=forms.CheckboxSelectMultiple)
    interprets = forms.ModelMultipleChoiceField(Item.objects.none(), label="解读的政策文件（政策解读填写）",
                                                required=False)
    attachment = forms.FileField(
        label="附件", required=False,
        help_text=f"PDF、OFD、Office/WPS 文档、图片或 zip，不超过 {MAX_BYTES // 1024 // 1024} MB；"
                  "可执行文件和脚本不能上传")
    attachment_name = forms.CharField(label="附件名称", required=False, max_length=200,
                                      help_text="不填则用文件名")

    class Meta:
        model = ItemVersion
        fields = list(VERSION_FIELDS)
        widgets = {
            "written_on": DateInput(),
            "invalid_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, agency, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Chinese paragraphs open with full-width spaces (　　), which str.strip() would cut from the first one.
        self.fields["body"].strip = False
        self.fields["columns"].queryset = Column.objects.filter(agency=agency)
        self.fields["channels"].queryset = Channel.objects.filter(agency=agency)
        others = Item.objects.filter(agency=agency, doc_kind__in=["regulation", "normative"]) | Item.objects.filter(
            agency=agency, state=ItemState.PUBLISHED)
        self.fields["interprets"].queryset = others.exclude(pk=getattr(item, "pk", None)).distinct()
        if not self.initial.get("publisher") and not self.data:
            self.initial["publisher"] = agency.name
        if self.instance and self.instance.pk:
            self.initial.update(columns=self.instance.column_ids, channels=self.instance.channel_ids,
                                interprets=self.instance.interprets_ids, body=editable_text(self.instance.body))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            problem = upload_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def service_data(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in VERSION_FIELDS}
        data["column_ids"] = [c.pk for c in self.cleaned_data["columns"]]
        data["channel_ids"] = [c.pk for c in self.cleaned_data["channels"]]
        data["interprets_ids"] = [i.pk for i in self.cleaned_data["interprets"]]
        return data


class ReviewActionForm(gkforms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    publish_at = forms.DateTimeField(label="定时发布时间（仅“通过并定时发布”）", required=False,
                                     widget=DateTimeInput())


class WithdrawForm(gkforms.Form):
    reason = forms.CharField(label="撤稿原因", widget=forms.Textarea(attrs={"rows": 2}))


class PostingForm(gkforms.Form):
    channel = forms.ModelChoiceField(Channel.objects.none(), label="渠道")
    posted_on = forms.DateField(label="发布（张贴）日期", widget=DateInput())

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(agency=agency)


class FeedbackForm(gkforms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["subject", "message", "name", "contact"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


class ReplyForm(gkforms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 4}))


class ImportForm(gkforms.Form):
    file = forms.FileField(label="目录文件（.xlsx）")
