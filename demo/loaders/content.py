"""Demo content: the bilingual page tree, news column, support page and site settings.

Data: demo/data/content/. Idempotent: pages are found by their slug under their parent and created only
when missing, so a second run creates nothing (and leaves editors' changes alone).
"""

import datetime
import json
import random
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from content.forms import CONSENT_TEXT, HOTLINE_CONSENT_TEXT
from content.models import (
    ArticlePage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    SiteContactSettings,
    StandardPage,
    SupportPage,
    SupportReply,
    SupportRequest,
)
from content.search import rebuild_index
from demo.dates import next_digital_day
from demo.files import read

# Pages are slow to create (tree, revisions, search index); a few hundred articles are enough to
# measure a news column, so `--scale` stops multiplying them at this many rounds.
MAX_NEWS_ROUNDS = 6


def load(scale, rng, log):
    site_data = read("content", "site")
    home, home_en = ensure_home(site_data)
    today = timezone.localdate()
    day = next_digital_day(today)
    # The image's title is its alt text (Wagtail shows it): a Vietnamese description, not the data key.
    images = {key: demo_image(site_data["image_alt"][key], colours, seed=index, name=key)
              for index, (key, colours) in enumerate(site_data["images"].items())}  # fmt: skip
    support = build_support(home, home_en, read("content", "support"))
    pages = {"support": support[0]}
    pages_en = {"support": support[1]}
    standard_pages = read("content", "pages")
    for spec in standard_pages:
        pages[spec["key"]], pages_en[spec["key"]] = ensure_translated(
            home,
            home_en,
            StandardPage,
            slug=spec["slug"],
            slug_en=spec["slug_en"],
            vi=page_fields(spec["vi"], day.year, images, pages),
            en=page_fields(spec["en"], day.year, images, pages_en),
        )
    pages["news"], count = build_news(home, home_en, read("content", "news"), images, scale, today, day.year)
    build_settings(home.get_site(), site_data, [pages[key] for key in site_data["main_menu"]])
    build_home(
        home, home_en, site_data, [pages[key] for key in site_data["home_featured"]], pages, images, day
    )
    # Pages made before the search table existed (an older database) get their folded text too.
    rebuild_index()
    requests = build_support_requests(read("content", "support_requests"))
    log(
        f"  home, {len(standard_pages)} standard pages, support page, news column with {count} articles (vi + en)"
    )
    log(f"  {requests} support requests (new, assigned, answered, closed)")


def ensure_home(data):
    """The vi home page as the site root, with its en translation beside it."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    # Wagtail's initial migration makes a placeholder "Welcome" page: replace it with ours.
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = root.add_child(instance=HomePage(slug="home", locale=vi, **data["home"]["vi"]))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
    site.site_name = data["site_name"]
    site.save()
    home_en = home.get_translations().filter(locale=en).first()
    if home_en is None:
        home_en = home.copy_for_translation(en, copy_parents=True)
        for name, value in data["home"]["en"].items():
            setattr(home_en, name, value)
        home_en.save_revision().publish()
    return home.specific, home_en.specific


def ensure_translated(parent, parent_en, model, *, slug, slug_en, vi, en, tags_vi=(), tags_en=()):
    """A page under `parent` (vi) and its en translation under `parent_en`; created only when missing."""
    en_locale = Locale.objects.get(language_code="en")
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **vi)
        parent.add_child(instance=page)
        if tags_vi:
            page.tags.add(*tags_vi)
        page.save_revision().publish()
    page_en = page.get_translations().filter(locale=en_locale).first()
    if page_en is None:
        page_en = page.copy_for_translation(en_locale).specific
        page_en.slug = slug_en
        for name, value in en.items():
            setattr(page_en, name, value)
        if tags_vi or tags_en:
            page_en.tags.clear()
            page_en.tags.add(*tags_en)
        page_en.save_revision().publish()
        page_en.refresh_from_db()
    return page.specific, page_en.specific


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def page_fields(fields, year, images, pages):
    """A page's fields from its data: the year filled in, images and linked pages by their keys."""
    body = []
    for block in fields["body"]:
        value = block["value"]
        if block["type"] == "paragraph":
            value = value.replace("{year}", str(year))
        elif block["type"] == "image":
            value = {**value, "image": images[value["image"]].pk}
        elif block["type"] == "call_to_action":
            value = {**value, "page": pages[value["page"]].pk}
        body.append({"type": block["type"], "value": value})
    return {**fields, "body": json.dumps(body)}


def demo_image(title, colours, seed, name):
    """A generated illustration (gradient and a network of nodes), stored once as a Wagtail image."""
    from PIL import Image as PILImage  # heavy; only the first load draws pictures
    from PIL import ImageDraw

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    width, height = 1280, 720
    start, end = colours
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for x in range(width):
        t = x / width
        draw.line(
            [(x, 0), (x, height)], fill=tuple(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        )
    nodes = [(rng.randint(40, width - 40), rng.randint(40, height - 40)) for _ in range(26)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 : i + 3]:
            draw.line([a, b], fill=(255, 255, 255), width=2)
    for x, y in nodes:
        r = rng.choice((6, 9, 14))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255), outline=(255, 214, 102), width=3)
    buffer = BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{name}.png"))


def faq_stream(items):
    return json.dumps(
        [{"type": "question", "value": {"question": q, "answer": f"<p>{a}</p>"}} for q, a in items]
    )


def build_support(home, home_en, data):
    return ensure_translated(
        home,
        home_en,
        SupportPage,
        slug=data["slug"],
        slug_en=data["slug_en"],
        vi={**data["vi"], "faq": faq_stream(data["vi"]["faq"])},
        en={**data["en"], "faq": faq_stream(data["en"]["faq"])},
    )


def build_support_requests(data):
    """Support requests in every state, with replies and response times; a demo staff member answers them.
    A request whose reference exists is left alone."""
    staff_data = data["staff"]
    staff, created = get_user_model().objects.get_or_create(
        username=staff_data["username"], defaults={**staff_data, "is_staff": True}
    )
    if created:
        staff.set_unusable_password()
        staff.save(update_fields=["password"])
    now = timezone.now()
    existing = set(SupportRequest.objects.values_list("reference", flat=True))
    made = 0
    for spec in data["requests"]:
        if spec["reference"] in existing:
            continue
        received = now - datetime.timedelta(hours=spec["hours_ago"])

        def after(key, received=received, spec=spec):
            return received + datetime.timedelta(hours=spec[key]) if key in spec else None

        replies = [received + datetime.timedelta(hours=reply["after_hours"]) for reply in spec["replies"]]
        request = SupportRequest.objects.create(
            reference=spec["reference"],
            source=spec["source"],
            created_at=received,
            name=spec["name"],
            email=spec["email"],
            phone=spec["phone"],
            topic=spec["topic"],
            message=spec["message"],
            language=spec["language"],
            consent_at=received,
            consent_text=str(HOTLINE_CONSENT_TEXT if spec["source"] == "hotline" else CONSENT_TEXT),
            status=spec["status"],
            assigned_to=staff if "assigned_after_hours" in spec else None,
            assigned_at=after("assigned_after_hours"),
            first_reply_at=replies[0] if replies else None,
            closed_at=after("closed_after_hours"),
        )
        SupportReply.objects.bulk_create(
            SupportReply(
                request=request, sent_by=staff, body=reply["body"], created_at=sent_at, delivered=True
            )
            for reply, sent_at in zip(spec["replies"], replies, strict=True)
        )
        made += 1
    return made


def article_body(body, category, text):
    # The intro is shown above the body already: the body starts with what the intro does not say.
    heading = text["heading_success_story"] if category == "success_story" else text["heading"]
    return json.dumps(
        [
            {"type": "paragraph", "value": rich(body)},
            {"type": "quote", "value": {"quote": text["quote"], "attribution": text["attribution"]}},
            {"type": "heading", "value": {"text": heading, "level": "h2"}},
            {"type": "paragraph", "value": rich(text["more"])},
        ]
    )


def build_news(home, home_en, data, images, scale, today, year):
    index_data = data["index"]
    index, index_en = ensure_translated(
        home,
        home_en,
        NewsIndexPage,
        slug=index_data["slug"],
        slug_en=index_data["slug_en"],
        vi=index_data["vi"],
        en=index_data["en"],
    )
    count = 0
    for round_ in range(min(scale, MAX_NEWS_ROUNDS)):
        suffix = f" ({round_ + 1})" if round_ else ""
        slug_suffix = f"-{round_ + 1}" if round_ else ""
        for number, article in enumerate(data["articles"], start=1):
            vi, en, category = article["vi"], article["en"], article["category"]
            ensure_translated(
                index,
                index_en,
                ArticlePage,
                slug=f"bai-{number:02d}{slug_suffix}",
                slug_en=f"article-{number:02d}{slug_suffix}",
                vi={
                    "title": vi["title"].replace("{year}", str(year)) + suffix,
                    "intro": vi["intro"],
                    "date": today - datetime.timedelta(days=article["days_ago"] + 30 * round_),
                    "category": category,
                    "image": images[article["image"]],
                    "featured_on_home": article["featured_on_home"] and not round_,
                    "body": article_body(vi["body"], category, data["article_body"]["vi"]),
                },
                en={
                    "title": en["title"].replace("{year}", str(year)) + suffix,
                    "intro": en["intro"],
                    "body": article_body(en["body"], category, data["article_body"]["en"]),
                },
                tags_vi=vi["tags"],
                tags_en=en["tags"],
            )
            count += 1
    return index, count


def build_settings(site, data, menu_pages):
    contact = SiteContactSettings.for_site(site)
    if not contact.hotline:
        for name, value in data["contact"].items():
            setattr(contact, name, value)
        contact.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        navigation.main_menu = json.dumps(
            [
                {"type": "item", "value": {"page": page.pk, "label_vi": "", "label_en": ""}}
                for page in menu_pages
            ]
        )
        navigation.save()


def build_home(home, home_en, data, featured_pages, pages, images, day):
    """Fill the home page once (its text is the editors' after that)."""
    # Fresh copies: the ones in memory may hold a stale child count (translations were added since).
    home = HomePage.objects.get(pk=home.pk)
    home_en = HomePage.objects.get(pk=home_en.pk)
    if home.body:
        return
    featured = json.dumps(
        [{"type": "page", "value": {"page": page.pk, "title": "", "summary": ""}} for page in featured_pages]
    )
    dates = {"vi": day.strftime("%d/%m/%Y"), "en": day.strftime("%d %B %Y")}
    for page, language in ((home, "vi"), (home_en, "en")):
        text = data["home_body"][language]
        page.intro = text["intro"].replace("{date}", dates[language])
        page.about_heading = text["about_heading"]
        page.body = rich(*text["body"])
        page.hero_image = images["city"]
        page.primary_cta_text = text["primary_cta_text"]
        page.primary_cta_page = pages["about"]
        page.featured_heading = text["featured_heading"]
        page.featured = featured
        page.save_revision().publish()
