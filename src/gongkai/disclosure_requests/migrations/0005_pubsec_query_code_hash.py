"""Query codes become keyed hashes, hashed in place; text fields get their size limits (no schema change)."""

import django.core.validators
from django.db import migrations, models

BATCH = 2000


def hash_codes(apps, schema_editor):
    """Every plaintext code is replaced by its hash; applicants keep the code printed on their receipt."""
    from gongkai.disclosure_requests import query_codes

    # The migrating database's alias, not "default": `gongkai migrate-db` migrates a second database.
    Request = apps.get_model("disclosure_requests", "Request")
    requests = Request.objects.using(schema_editor.connection.alias)
    rows = requests.exclude(query_code__startswith=f"{query_codes.SCHEME}$").only("pk", "query_code")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.query_code = query_codes.make_hash(row.query_code)
        batch.append(row)
        if len(batch) == BATCH:
            requests.bulk_update(batch, ["query_code"])
            batch = []
    requests.bulk_update(batch, ["query_code"])


def new_plain_codes(apps, schema_editor):
    """Backwards: a hash cannot be turned back into its code, so every request gets a new plaintext code
    (applicants then need a new receipt)."""
    from gongkai.disclosure_requests import query_codes

    Request = apps.get_model("disclosure_requests", "Request")
    requests = Request.objects.using(schema_editor.connection.alias)
    for row in requests.only("pk").iterator(chunk_size=BATCH):
        requests.filter(pk=row.pk).update(query_code=query_codes.new_code())


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure_requests', '0004_reqint_applicant_type_fee_notice'),
    ]

    operations = [
        migrations.AlterField(
            model_name='request',
            name='query_code',
            field=models.CharField(max_length=128, verbose_name='查询码'),
        ),
        migrations.RunPython(hash_codes, new_plain_codes),
        migrations.RenameField(
            model_name='request',
            old_name='query_code',
            new_name='query_code_hash',
        ),
        migrations.AlterField(
            model_name='request',
            name='query_code_hash',
            field=models.CharField(editable=False, max_length=128, verbose_name='查询码（哈希）'),
        ),
        migrations.AlterField(
            model_name='request',
            name='description',
            field=models.TextField(max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000, message='所需信息描述不能超过%(limit_value)d个字（现有%(show_value)d个字）')], verbose_name='所需信息描述'),
        ),
        migrations.AlterField(
            model_name='requestevent',
            name='reason',
            field=models.TextField(blank=True, max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000, message='理由/说明不能超过%(limit_value)d个字（现有%(show_value)d个字）')], verbose_name='理由/说明'),
        ),
    ]
