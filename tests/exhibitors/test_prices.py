"""Product prices are amounts in VND, written the way each language writes them.

The catalogue's English CSV and API once said "15 – 30 triệu ₫": prices were free text typed in
Vietnamese. Now `price_min`/`price_max` hold đồng, and the page, the CSV and the API's `price` write
the range in the visitor's language.
"""

import csv
import importlib
import io

import pytest
from django.utils import translation

from exhibitors.forms import ProductForm
from registration.templatetags.money import format_vnd_range
from tests.factories.exhibitors import ProductFactory

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "low, high, vi, en",
    [
        (30_000_000, 70_000_000, "30–70 triệu ₫", "VND 30–70 million"),
        (1_500_000, 2_000_000, "1,5–2 triệu ₫", "VND 1.5–2 million"),
        (500_000, 2_500_000, "500.000–2.500.000 ₫", "VND 500,000–2,500,000"),
        (9_000_000, 9_000_000, "9.000.000 ₫", "VND 9,000,000"),
        (5_000_000, None, "từ 5.000.000 ₫", "from VND 5,000,000"),
        (None, 800_000, "đến 800.000 ₫", "up to VND 800,000"),
        (None, None, "", ""),
    ],
)
def test_a_range_in_each_language(low, high, vi, en):
    assert format_vnd_range(low, high, "vi").replace(NBSP, " ") == vi
    assert format_vnd_range(low, high, "en").replace(NBSP, " ") == en


@pytest.mark.django_db
def test_the_api_writes_the_price_in_the_callers_language_and_keeps_the_amounts(client):
    ProductFactory(price_min=30_000_000, price_max=70_000_000)
    vi = client.get("/api/v1/products/", HTTP_ACCEPT_LANGUAGE="vi").json()["results"][0]
    en = client.get("/api/v1/products/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert vi["price"] == f"30–70{NBSP}triệu{NBSP}₫"
    assert en["price"] == f"VND{NBSP}30–70{NBSP}million"
    assert (
        (en["price_min"], en["price_max"]) == (vi["price_min"], vi["price_max"]) == (30_000_000, 70_000_000)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, price, contact",
    [("vi", f"30–70{NBSP}triệu{NBSP}₫", "liên hệ"), ("en", f"VND{NBSP}30–70{NBSP}million", "contact us")],
)
def test_the_catalogue_csv_and_product_page_write_prices_in_their_language(client, language, price, contact):
    priced = ProductFactory(price_min=30_000_000, price_max=70_000_000)
    ProductFactory()  # no price: "contact us"
    response = client.get(f"/{language}/catalogue/make-in-danang.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index("Giá" if language == "vi" else "Price")
    assert sorted(row[column] for row in rows[1:]) == sorted([price, contact])
    page = client.get(priced.get_absolute_url().replace("/vi/", f"/{language}/")).content.decode()
    assert price in page
    assert ("triệu" in page) == (language == "vi")


@pytest.mark.django_db
def test_the_portal_form_refuses_a_highest_price_below_the_lowest():
    form = ProductForm(data={"name_vi": "Cảm biến ao tôm", "price_min": "70000000", "price_max": "30000000"})
    with translation.override("vi"):
        form.is_valid()
        assert form.errors["price_max"] == ["Giá cao nhất không được thấp hơn giá thấp nhất."]


@pytest.mark.parametrize(
    "text, amounts",
    [
        ("15 – 30 triệu ₫", (15_000_000, 30_000_000)),
        ("1,5 - 2 triệu", (1_500_000, 2_000_000)),
        ("500.000 ₫", (500_000, 500_000)),
        ("VND 2,000,000", (2_000_000, 2_000_000)),
        ("Liên hệ", (None, None)),
        ("", (None, None)),
    ],
)
def test_the_migration_reads_the_old_free_text_prices(text, amounts):
    migration = importlib.import_module("exhibitors.migrations.0005_product_price_amounts")
    assert migration.amounts(text) == amounts
