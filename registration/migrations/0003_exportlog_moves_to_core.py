from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_ticket_search_text"),
        ("core", "0001_initial"),
    ]

    # The table itself was renamed by core's migration; only the model's state leaves this app.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ExportLog")]),
    ]
