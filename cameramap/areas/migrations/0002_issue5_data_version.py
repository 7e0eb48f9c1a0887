# The triggers that bump this row live in cameramap/schema.py: SQLite drops a table's
# triggers whenever a later migration remakes the table, so they are (re)installed after
# every migrate instead of once here.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
        ),
    ]
