"""ExportLog moves from registration to core: the model's state moves, then its table is renamed;
its audit-log entries follow by moving the content type."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="exportlog").exists():
        ContentType.objects.filter(app_label="registration", model="exportlog").update(app_label="core")
    # One audit action for every logged export, whichever app's list it came from.
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ModelLogEntry.objects.filter(action__in=["registration.exported", "exhibitors.exported"]).update(
        action="core.exported"
    )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="exportlog").update(app_label="registration")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0068_log_entry_empty_object"),
        ("registration", "0002_ticket_search_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExportLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("what", models.CharField(max_length=100, verbose_name="what")),
                        ("file_format", models.CharField(max_length=10, verbose_name="format")),
                        ("filters", models.CharField(blank=True, max_length=500, verbose_name="filters")),
                        ("rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                        (
                            "exported_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="exported at"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "export log entry",
                        "verbose_name_plural": "export log",
                        "ordering": ["-exported_at"],
                        "db_table": "registration_exportlog",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="exportlog", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
