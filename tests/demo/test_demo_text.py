"""The demo reads as written by people: no summary said twice, Vietnamese alt text, brands a Đà Nẵng
company would choose, and one spelling of the city per language ("Đà Nẵng" in vi, "Da Nang" in en)."""

import json
import random
import re
from html import unescape
from pathlib import Path

import pytest
from wagtail.images import get_image_model

from content.models import ArticlePage
from demo.loaders import content, events, exhibitors
from exhibitors.models import Product, ProductImage

DATA = Path(content.__file__).resolve().parents[1] / "data"
# Names that keep their own spelling: the showcase's brand, the city's app, addresses and links.
OWN_NAMES = re.compile(
    r"Make in DaNang|Danang Smart City|https?://\S+|[\w.-]+@[\w.-]+|danang1022|make-in-danang"
)
WRONG_SPELLING = {
    "vi": re.compile(r"\bDa ?Nang\b|\bDanang\b", re.IGNORECASE),
    "en": re.compile(r"Đà Nẵng|\bDanang\b|\bDaNang\b"),
}
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def language_of(key, current):
    key = str(key)
    if key in ("vi", "en"):
        return key
    return {"_vi": "vi", "_en": "en"}.get(key[-3:], current)


def texts(value, language=None, path=""):
    """Every string of a data file with the language its keys say it is in (`vi`, `title_en`...)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, language_of(key, language), f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, language, f"{path}[{index}]")
    elif isinstance(value, str) and language:
        yield language, path, value


def test_each_language_spells_the_city_its_own_way():
    wrong = []
    files = sorted(DATA.rglob("*.json"))
    assert len(files) > 10
    for file in files:
        for language, path, text in texts(json.loads(file.read_text(encoding="utf-8"))):
            if WRONG_SPELLING[language].search(OWN_NAMES.sub("", text)):
                wrong.append(f"{file.relative_to(DATA)}{path}: {text[:80]}")
    assert wrong == []


def test_the_check_catches_both_mistakes():
    sample = {
        "vi": {"title": "Ngày hội ở Da Nang"},
        "en": {"title": "A day in Đà Nẵng"},
        "title_en": "Danang",
    }
    found = [path for language, path, text in texts(sample) if WRONG_SPELLING[language].search(text)]
    assert found == [".vi.title", ".en.title", ".title_en"]


def paragraphs(html):
    return [unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)]


@pytest.mark.django_db
def test_articles_do_not_repeat_their_summary_and_images_have_vietnamese_alt_text(site_pages):
    content.load(scale=1, rng=random.Random(1), log=lambda _: None)
    articles = list(ArticlePage.objects.all())
    assert len(articles) >= 24  # both languages
    first_paragraphs = set()
    for article in articles:
        body = "".join(str(block.value) for block in article.body if block.block_type == "paragraph")
        first = paragraphs(body)[0]
        assert article.intro not in first and first not in article.intro, article.title
        first_paragraphs.add(first)
    assert len(first_paragraphs) == len(articles)  # each article says its own thing
    titles = list(get_image_model().objects.values_list("title", flat=True))
    assert titles and all(VIETNAMESE_LETTERS.search(title.lower()) for title in titles), titles


@pytest.mark.django_db
def test_products_carry_brands_without_accents_and_vietnamese_alt_text(site_pages):
    events.load(scale=1, rng=random.Random(1), log=lambda _: None)
    exhibitors.load(scale=1, rng=random.Random(1), log=lambda _: None)
    assert exhibitors.brand_name("Công ty Cổ phần Dữ Liệu Mở Đà Nẵng") == "DuLieuMo"
    assert exhibitors.brand_name("Công ty TNHH PayDN") == "PayDN"
    for product in Product.objects.select_related("exhibitor"):
        brand = exhibitors.brand_name(product.exhibitor.name)
        assert brand.isascii() and brand in product.name_vi and brand in product.name_en
    alts = list(ProductImage.objects.values_list("alt_vi", "alt_en"))
    assert alts
    assert all(VIETNAMESE_LETTERS.search(alt_vi.lower()) for alt_vi, _ in alts)
    assert not any(VIETNAMESE_LETTERS.search(alt_en.lower()) for _, alt_en in alts)
