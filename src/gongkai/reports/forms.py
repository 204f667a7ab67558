from decimal import Decimal

from django import forms

from gongkai.core import forms as gkforms

MAX_COUNT = 10**9  # within the database column; no agency decides a billion cases a year


class SectionsForm(gkforms.Form):
    overview = forms.CharField(label="一、总体情况", widget=forms.Textarea(attrs={"rows": 12}), required=False)
    problems = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 8}),
                               required=False)
    other = forms.CharField(label="六、其他需要报告的事项", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    note = forms.CharField(label="修改说明", max_length=200, required=False)


class FiguresForm(gkforms.Form):
    licensing = forms.IntegerField(label="行政许可处理决定数量", min_value=0, max_value=MAX_COUNT, initial=0)
    penalty = forms.IntegerField(label="行政处罚处理决定数量", min_value=0, max_value=MAX_COUNT, initial=0)
    coercion = forms.IntegerField(label="行政强制处理决定数量", min_value=0, max_value=MAX_COUNT, initial=0)
    fees_10k_yuan = forms.DecimalField(label="行政事业性收费（万元）", min_value=Decimal(0), max_digits=14,
                                       decimal_places=4, initial=0)
    source_note = forms.CharField(label="数据来源", max_length=200, required=False,
                                  help_text="如：政务服务平台导出、执法办案系统")


class ImportForm(gkforms.Form):
    file = forms.FileField(label="CSV 或 Excel 文件")
