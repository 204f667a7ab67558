from django.db import migrations

from gongkai.catalog.search import setup_index


class Migration(migrations.Migration):
    """PostgreSQL: the stored search vector gains the id-bucket token (search_postgres); SQLite: index rebuilt."""

    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(setup_index, migrations.RunPython.noop)]
