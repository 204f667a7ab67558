"""One applicant type per request from the report's columns (a CHECK constraint), and one fee notice in force.

Existing rows are repaired before the constraints are added:
- applicant_type: a key with stray spaces or capitals, or a Chinese column label, becomes that key; a list
  ("natural_person,business") takes its first valid entry; anything else ('', 'joint') becomes 其他
  (other_org) when the request names an organisation or a 统一社会信用代码, else 自然人.
- fee notices: where a request has several, each earlier one is marked as replaced by the next (a paid
  amount stays counted as paid: section 六 reports money actually received).
"""

import re

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

KEYS = ("natural_person", "business", "research", "nonprofit", "legal_service", "other_org")
LABELS = {"自然人": "natural_person", "商业企业": "business", "科研机构": "research", "社会公益组织": "nonprofit",
          "法律服务机构": "legal_service", "其他": "other_org"}
SEPARATORS = re.compile(r"[,，;；、|/\s]+")


def sane_applicant_type(value, *, org_name, uscc):
    text = (value or "").strip()
    for part in [text, *SEPARATORS.split(text)]:
        key = part.strip().lower()
        if key in KEYS:
            return key
        if part.strip() in LABELS:
            return LABELS[part.strip()]
    return "other_org" if (org_name or "").strip() or (uscc or "").strip() else "natural_person"


def repair_applicant_types(apps, schema_editor):
    # The migrating database's alias, not "default": `gongkai migrate-db` migrates a second database.
    requests = apps.get_model("disclosure_requests", "Request").objects.using(schema_editor.connection.alias)
    for row in requests.exclude(applicant_type__in=KEYS).only("applicant_type", "org_name", "uscc"):
        fixed = sane_applicant_type(row.applicant_type, org_name=row.org_name, uscc=row.uscc)
        requests.filter(pk=row.pk).update(applicant_type=fixed)


def chain_fee_notices(apps, schema_editor):
    notices_of = apps.get_model("disclosure_requests", "FeeNotice").objects.using(schema_editor.connection.alias)
    requests = (notices_of.values("request").annotate(n=models.Count("pk")).filter(n__gt=1)
                .values_list("request", flat=True))
    for request_id in list(requests):
        notices = list(notices_of.filter(request_id=request_id).order_by("notified_on", "pk"))
        for older, newer in zip(notices, notices[1:]):
            notices_of.filter(pk=older.pk).update(superseded_on=newer.notified_on)
            notices_of.filter(pk=newer.pk).update(replaces_id=older.pk)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('disclosure_requests', '0003_private_storage_backend'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='feenotice',
            name='replaces',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replaced_by', to='disclosure_requests.feenotice', verbose_name='更正的收费通知'),
        ),
        migrations.AddField(
            model_name='feenotice',
            name='superseded_on',
            field=models.DateField(blank=True, help_text='已由更正后的收费通知替代；不再有效', null=True, verbose_name='被更正日期'),
        ),
        migrations.AlterField(
            model_name='requestevent',
            name='kind',
            field=models.CharField(choices=[('submitted', '网上提交申请'), ('registered', '登记收到申请'), ('confirmed', '确认收到网上申请'), ('supplement_requested', '发出补正通知'), ('supplement_received', '收到补正材料'), ('supplement_lapsed', '逾期未补正'), ('consultation_opened', '发出征求意见函'), ('consultation_answered', '收到征求意见答复'), ('consultation_lapsed', '征求意见期限届满未答复'), ('extended', '延长答复期限'), ('fee_notified', '发出收费通知'), ('fee_corrected', '更正收费通知'), ('fee_paid', '申请人缴费'), ('fee_lapsed', '逾期未缴费'), ('assigned', '指定经办人'), ('withdrawn', '申请人撤回申请'), ('transferred', '告知非本机关负责公开'), ('replied', '作出答复'), ('delivered', '送达'), ('corrected', '更正已发文书')], max_length=30, verbose_name='事项'),
        ),
        migrations.RunPython(chain_fee_notices, migrations.RunPython.noop),
        migrations.RunPython(repair_applicant_types, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='feenotice',
            constraint=models.UniqueConstraint(condition=models.Q(('superseded_on__isnull', True)), fields=('request',), name='fee_notice_one_in_force_per_request'),
        ),
        migrations.AddConstraint(
            model_name='request',
            constraint=models.CheckConstraint(condition=models.Q(('applicant_type__in', ('natural_person', 'business', 'research', 'nonprofit', 'legal_service', 'other_org'))), name='request_applicant_type_valid'),
        ),
    ]
