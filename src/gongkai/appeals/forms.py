"""Staff forms for 复议/诉讼 cases: the service layer (services.py) makes every decision, forms only parse."""

from django import forms

from gongkai.core import forms as gkforms
from gongkai.core.widgets import DateInput

from .models import Appeal, AppealKind, AppealResult

CORRECTION_HELP = "日期落在年度报告已发布的年份时必填：本次记录将作为更正记入审计记录，该年度报告将标记为需要更正"


class AppealForm(gkforms.ModelForm):
    correction_reason = forms.CharField(label="更正理由", required=False, max_length=500,
                                        widget=forms.Textarea(attrs={"rows": 2}), help_text=CORRECTION_HELP)

    class Meta:
        model = Appeal
        fields = ["kind", "body", "case_number", "applicant_name", "filed_on", "copy_received_on", "answered_on",
                  "result", "closed_on", "summary"]
        widgets = {name: DateInput() for name in ("filed_on", "copy_received_on", "answered_on", "closed_on")}
        widgets["summary"] = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, agencies=None, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AppealKind.choices
        self.fields["result"].choices = AppealResult.choices
        if creating and agencies is not None:
            self.fields = {"agency": forms.ModelChoiceField(label="被申请（被告）机关", queryset=agencies,
                                                            empty_label=None), **self.fields}
            if agencies.count() == 1:
                self.fields["agency"].initial = agencies.first()

    def _post_clean(self):
        # Keep the model's own validation (constraint check, instance assignment) out: services.py decides.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DocumentForm(gkforms.Form):
    file = forms.FileField(label="上传文书", help_text="复议申请书副本、答复书、复议决定书、判决书等")
