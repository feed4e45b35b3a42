"""Product prices as amounts in VND instead of free text, so each language writes them its own way."""

import re

from django.db import migrations, models

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def amounts(text):
    """`15 – 30 triệu ₫` → (15000000, 30000000); `500.000 ₫` → (500000, 500000); words only → (None, None)."""
    text = (text or "").lower()
    in_millions = any(word in text for word in ("triệu", "million", "tr "))
    values = []
    for number in NUMBER.findall(text)[:2]:
        if in_millions:
            values.append(round(float(number.replace(",", ".")) * 1_000_000))
        else:
            values.append(int(number.replace(".", "").replace(",", "")))
    if not values:
        return None, None
    return values[0], values[-1]


def text_to_amounts(apps, schema_editor):
    Product = apps.get_model("exhibitors", "Product")
    for product in Product.objects.exclude(price_range="").only("price_range", "pending"):
        product.price_min, product.price_max = amounts(product.price_range)
        product.save(update_fields=["price_min", "price_max"])
    for product in Product.objects.filter(pending__has_key="price_range").only("pending"):
        low, high = amounts(product.pending.pop("price_range"))
        product.pending.update(price_min=low, price_max=high)
        product.save(update_fields=["pending"])


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0004_venue_map"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="price_min",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Leave both prices empty to show “contact us”.",
                null=True,
                verbose_name="lowest price (VND)",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="price_max",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="highest price (VND)"),
        ),
        migrations.RunPython(text_to_amounts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="product", name="price_range"),
    ]
