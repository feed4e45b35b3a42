"""Folded search columns as word documents (` word word `), so searches match word beginnings."""

from django.db import migrations

from core.text import folded_document


def refold(apps, schema_editor):
    Speaker = apps.get_model("events", "Speaker")
    Session = apps.get_model("events", "Session")
    fields = ["name", "organisation", "job_title_vi", "job_title_en"]
    for speaker in Speaker.objects.only(*fields).iterator():
        speaker.search_text = folded_document(" ".join(getattr(speaker, f) for f in fields))
        speaker.save(update_fields=["search_text"])
    fields = ["title_vi", "title_en", "abstract_vi", "abstract_en"]
    for session in Session.objects.only(*fields).iterator():
        session.search_text = folded_document(" ".join(getattr(session, f) for f in fields))
        session.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("events", "0002_session_search_text_session_sequence_and_more")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=True)]
