"""Folded search columns as word documents (` word word `), so searches match word beginnings; applications
get one for the admin's accent-insensitive search."""

from django.db import migrations, models

from core.text import folded_document


def refold(apps, schema_editor):
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    Product = apps.get_model("exhibitors", "Product")
    Application = apps.get_model("exhibitors", "ExhibitorApplication")
    names = {}
    for exhibitor in Exhibitor.objects.only("name", "description_vi", "description_en", "address").iterator():
        names[exhibitor.pk] = exhibitor.name
        parts = [exhibitor.name, exhibitor.description_vi, exhibitor.description_en, exhibitor.address]
        exhibitor.search_text = folded_document(" ".join(parts))
        exhibitor.save(update_fields=["search_text"])
    fields = ["name_vi", "name_en", "description_vi", "description_en", "target_customers", "awards"]
    for product in Product.objects.only("exhibitor_id", *fields).iterator():
        parts = [getattr(product, field) for field in fields] + [names.get(product.exhibitor_id, "")]
        product.search_text = folded_document(" ".join(p for p in parts if p))
        product.save(update_fields=["search_text"])
    fields = ["reference", "contact_name", "contact_email", "contact_phone"]
    for application in Application.objects.only(*fields).iterator():
        application.search_text = folded_document(" ".join(getattr(application, f) for f in fields))
        application.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="exhibitorapplication",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop, elidable=True),
    ]
