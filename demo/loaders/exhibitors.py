"""Demo showcase: Đà Nẵng tech companies, their Make in DaNang products, booth packages, a hall plan and
the venue map (demo/loaders/venue_map.py).

Data: demo/data/exhibitors/. Idempotent (stable slugs and titles, update_or_create); `scale` multiplies
the products for benchmarks (200 × scale), the extra ones made with bulk_create and a few shared images
so thousands load quickly.
"""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from stdnum.vn import mst
from wagtail.images import get_image_model

from core.pdf import font_path
from core.text import fold
from demo.files import read
from demo.loaders import venue_map
from events.models import EventPage
from exhibitors.models import (
    ApplicationStatus,
    Booth,
    BoothPackage,
    Exhibitor,
    ExhibitorApplication,
    ExhibitorMember,
    Product,
    ProductImage,
    ProductStatus,
)
from exhibitors.queries import CARD_RENDITION, GALLERY_RENDITION, LOGO_RENDITION

BASE_PRODUCTS = 200  # per unit of --scale


def load(scale, rng, log):
    sectors = read("exhibitors", "sectors")
    companies = read("exhibitors", "companies")
    booth_plan = read("exhibitors", "booths")
    now = timezone.now()
    event = upcoming_event()
    packages, booths = packages_and_booths(event, booth_plan) if event else ([], [])
    exhibitors = ensure_exhibitors(sectors, companies)
    products = ensure_products(exhibitors, sectors, companies, now)
    if event:
        ensure_applications(event, exhibitors, packages, booths, companies["planned_products"])
        link_sessions(event, products)
        venue_map.load_plans(event, log)
    portal_user(exhibitors[0], companies["portal_user"], log)
    if scale > 1:
        scaled_products(exhibitors, sectors, companies, scale, now)
    warm_renditions()
    log(
        f"  {Exhibitor.objects.count()} exhibitors, {Product.objects.count()} products"
        + (
            f", {Booth.objects.filter(event=event).count()} booths at {event.title}"
            if event
            else " (no event yet)"
        )
    )


def upcoming_event():
    events = EventPage.objects.filter(locale__language_code="vi", ends_at__gt=timezone.now()).order_by(
        "starts_at"
    )
    return events.filter(event_type="digital_day").first() or events.first()


def tax_code(n):
    body = f"04{(1_000_000 + n * 7919) % 10_000_000:07d}"
    return body + mst.calc_check_digit(body)


# --- pictures: drawn once, stored as Wagtail images found again by their title -----------------------


def font(size, bold=False):
    from PIL import ImageFont  # heavy; only the first load draws pictures

    return ImageFont.truetype(str(font_path(bold)), size)


def png(draw_fn, size):
    from PIL import Image, ImageDraw  # heavy; only the first load draws pictures

    image = Image.new("RGB", size, "white")
    draw_fn(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def wagtail_image(title, make_bytes):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        name = f"{fold(title).replace(' ', '-')[:60]}.png"
        image = Image(title=title, file=ImageFile(io.BytesIO(make_bytes()), name=name))
        image.save()
    return image


def logo(name, colour):
    initials = "".join(word[0] for word in name.split()[:2]).upper()

    def draw(d):
        d.rectangle([0, 0, 320, 160], fill="white")
        d.ellipse([16, 16, 144, 144], fill=colour)
        d.text((80, 80), initials, fill="white", font=font(52, bold=True), anchor="mm")
        d.text((160, 80), name.split()[0], fill=colour, font=font(26, bold=True), anchor="lm")

    return wagtail_image(f"Logo {name}", lambda: png(draw, (320, 160)))


def product_card(title, subtitle, colour, variant=0):
    def draw(d):
        d.rectangle([0, 0, 640, 420], fill=colour)
        for i in range(6):
            x = 40 + i * 110 + variant * 13
            d.ellipse([x, 250 + (i % 2) * 40, x + 80, 330 + (i % 2) * 40], outline="white", width=4)
        d.rectangle([0, 0, 640, 120], fill="white")
        d.text((32, 60), title[:36], fill=colour, font=font(34, bold=True), anchor="lm")
        d.text((32, 180), subtitle[:44], fill="white", font=font(26), anchor="lm")

    return wagtail_image(f"Sản phẩm {title} {variant}", lambda: png(draw, (640, 420)))


def warm_renditions():
    """Make the catalogue's renditions now, once, so no visitor waits for them (idempotent)."""
    image_ids = set(ProductImage.objects.values_list("image_id", flat=True).distinct())
    for image in get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions"):
        image.get_renditions(CARD_RENDITION, GALLERY_RENDITION)
    logo_ids = Exhibitor.objects.exclude(logo=None).values_list("logo_id", flat=True)
    for image in get_image_model().objects.filter(pk__in=logo_ids).prefetch_related("renditions"):
        image.get_rendition(LOGO_RENDITION)


# --- rows ---------------------------------------------------------------------------------------------


def packages_and_booths(event, plan):
    packages = []
    for order, spec in enumerate(plan["packages"]):
        package, _ = BoothPackage.objects.update_or_create(
            event=event,
            name_vi=spec["vi"],
            defaults={
                "name_en": spec["en"],
                "size": spec["size"],
                "price": spec["price"],
                "count_available": spec["count"],
                "sort_order": order,
            },
        )
        packages.append(package)
    booths = []
    for hall, count in plan["halls"].items():
        for n in range(1, count + 1):
            booth, _ = Booth.objects.get_or_create(
                event=event,
                hall=hall,
                number=f"{hall}{n:02d}",
                defaults={"size": "3 × 3 m" if n % 6 else "3 × 6 m", "package": packages[0 if n % 6 else 1]},
            )
            booths.append(booth)
    return packages, booths


def ensure_exhibitors(sectors, companies):
    exhibitors = []
    forms, people, streets = companies["company_forms"], companies["people"], companies["streets"]
    n = 0
    for sector, spec in sectors.items():
        for stem in spec["companies"]:
            n += 1
            slug = fold(stem).replace(" ", "-")
            exhibitor, _ = Exhibitor.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": f"{forms[n % len(forms)]} {stem}",
                    "tax_code": tax_code(n),
                    "sector": sector,
                    "address": f"{10 + n} {streets[n % len(streets)]}, Đà Nẵng",
                    "website": f"https://{slug}.example.vn",
                    "description_vi": companies["description_vi"].format(name=stem),
                    "description_en": companies["description_en"].format(name=stem),
                    "contact_name": people[n % len(people)],
                    "contact_email": f"lienhe@{slug}.example.vn",
                    "contact_phone": f"+8490{(5_100_000 + n * 1237) % 10_000_000:07d}",
                    "is_make_in_danang": n % 7 != 0,
                    "is_public": True,
                    "is_featured": n % 9 == 1,
                },
            )
            if exhibitor.logo_id is None:
                exhibitor.logo = logo(stem, spec["colour"])
                exhibitor.save(update_fields=["logo"])
            exhibitors.append(exhibitor)
    return exhibitors


def brand_name(company):
    """The brand a company puts on its products, as Đà Nẵng firms do: its distinctive words run
    together without accents (`Công ty Cổ phần Dữ Liệu Mở Đà Nẵng` → `DuLieuMo`, `SOC Đà Nẵng` → `SOC`)."""
    generic = {"công", "ty", "cổ", "phần", "tnhh", "đà", "nẵng", "online"}
    words = [word for word in company.split() if word.lower() not in generic][:3]
    # Words already written in Latin letters keep their case (PayDN, IoT); Vietnamese ones lose accents.
    return "".join(word if word.isascii() else fold(word).capitalize() for word in words)


def ensure_products(exhibitors, sectors, companies, now):
    """About four products per exhibitor (200 in all) from its sector's catalogue of ideas."""
    maturities, awards = companies["maturities"], companies["awards"]
    products = []
    per_exhibitor = -(-BASE_PRODUCTS // len(exhibitors))
    count = 0
    for e_index, exhibitor in enumerate(exhibitors):
        sector = sectors[exhibitor.sector]
        ideas = sector["products"]
        for p_index in range(per_exhibitor):
            if count >= BASE_PRODUCTS:
                break
            idea = ideas[(e_index + p_index) % len(ideas)]
            version = p_index // len(ideas) + 1
            brand = brand_name(exhibitor.name)
            suffix = f" {brand}" + (f" {version}.0" if version > 1 else "")
            status = ProductStatus.PUBLISHED
            if count % 37 == 5:
                status = ProductStatus.SUBMITTED
            elif count % 53 == 7:
                status = ProductStatus.DRAFT
            product, _ = Product.objects.update_or_create(
                slug=f"{exhibitor.slug}-{fold(idea['en']).replace(' ', '-')}-{p_index}",
                defaults={
                    "exhibitor": exhibitor,
                    "name_vi": f"{idea['vi']}{suffix}",
                    "name_en": f"{idea['en']}{suffix}",
                    "description_vi": idea["description_vi"],
                    "description_en": idea["description_en"],
                    "category": idea["category"],
                    "sector": exhibitor.sector,
                    "maturity": maturities[count % len(maturities)],
                    "target_customers": idea["customers"],
                    # A third ask to be contacted; the others give a range in whole millions of đồng.
                    "price_min": None if count % 3 == 0 else (count % 9 + 1) * 5_000_000,
                    "price_max": None if count % 3 == 0 else (count % 9 + 2) * 10_000_000,
                    "website": f"{exhibitor.website}/san-pham/{p_index}",
                    "awards": awards[count % len(awards)] if count % 8 == 0 else "",
                    "is_verified_make_in_danang": exhibitor.is_make_in_danang and count % 3 != 2,
                    "is_featured": count % 25 == 0 and status == ProductStatus.PUBLISHED,
                    "status": status,
                    "published_at": now if status == ProductStatus.PUBLISHED else None,
                },
            )
            if status == ProductStatus.PUBLISHED and count % 41 == 3 and not product.pending:
                # A published product whose exhibitor proposed changes: the review queue shows them.
                product.pending = {"description_vi": idea["description_vi"] + companies["pending_change"]}
                product.pending_status = ProductStatus.SUBMITTED
                product.save(update_fields=["pending", "pending_status"])
            if not product.images.exists():
                ProductImage.objects.create(
                    product=product,
                    image=product_card(idea["vi"], idea["en"], sector["colour"], variant=p_index % 3),
                    alt_vi=f"Minh họa {idea['vi'].lower()}",
                    alt_en=f"Illustration of the {idea['en'].lower()}",
                )
            products.append(product)
            count += 1
    return products


def ensure_applications(event, exhibitors, packages, booths, planned_products):
    """Most exhibitors confirmed with a booth, a few approved and waiting to pay, the last ones submitted."""
    standard, corner, startup = packages
    for index, exhibitor in enumerate(exhibitors):
        if index < 44:
            status = ApplicationStatus.CONFIRMED
        elif index < 48:
            status = ApplicationStatus.APPROVED
        else:
            status = ApplicationStatus.SUBMITTED
        package = corner if index % 6 == 5 else (startup if index % 11 == 10 else standard)
        ExhibitorApplication.objects.update_or_create(
            reference=f"GH-DEMO{index:03d}",
            defaults={
                "exhibitor": exhibitor,
                "event": event,
                "package": package,
                "booth": booths[index] if status == ApplicationStatus.CONFIRMED else None,
                "status": status,
                "amount": package.price,
                "contact_name": exhibitor.contact_name,
                "contact_email": exhibitor.contact_email,
                "contact_phone": exhibitor.contact_phone,
                "claims_make_in_danang": exhibitor.is_make_in_danang,
                "planned_products": planned_products,
                "consent_at": event.first_published_at or timezone.now(),
                "consent_policy_version": settings.PRIVACY_POLICY_VERSION,
                "payment_deadline": (event.starts_at - timezone.timedelta(days=14))
                if status == ApplicationStatus.APPROVED
                else None,
                "paid_at": event.first_published_at
                if status == ApplicationStatus.CONFIRMED and package.price
                else None,
            },
        )
        if status == ApplicationStatus.SUBMITTED and exhibitor.is_public and index >= 50:
            exhibitor.is_public = False
            exhibitor.save(update_fields=["is_public"])


def link_sessions(event, products):
    """Two published products presented in each of the Day's first sessions."""
    sessions = list(event.sessions.order_by("starts_at")[:12])
    published = [p for p in products if p.status == ProductStatus.PUBLISHED]
    for index, session in enumerate(sessions):
        for product in published[index * 3 : index * 3 + 2]:
            product.sessions.add(session)


def portal_user(exhibitor, account, log):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=account["email"],
        defaults={
            "email": account["email"],
            "first_name": account["first_name"],
            "last_name": account["last_name"],
        },
    )
    if created:
        user.set_password(account["password"])
        user.save()
    ExhibitorMember.objects.get_or_create(exhibitor=exhibitor, user=user)
    if settings.DEBUG:
        log(f"  exhibitor portal demo login: {account['email']} / {account['password']}")


def scaled_products(exhibitors, sectors, companies, scale, now):
    """Benchmark volume: 200 × scale products in all, bulk-created, sharing one image per sector."""
    maturities, awards = companies["maturities"], companies["awards"]
    existing = set(Product.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    missing = BASE_PRODUCTS * scale - Product.objects.count()
    if missing <= 0:
        return
    images = {
        name: product_card(spec["products"][0]["vi"], spec["products"][0]["en"], spec["colour"], variant=9)
        for name, spec in sectors.items()
    }
    batch, n = [], 0
    while len(batch) < missing:
        n += 1
        slug = f"bench-{n:06d}"
        if slug in existing:
            continue
        exhibitor = exhibitors[n % len(exhibitors)]
        ideas = sectors[exhibitor.sector]["products"]
        idea = ideas[n % len(ideas)]
        product = Product(
            exhibitor=exhibitor,
            slug=slug,
            name_vi=f"{idea['vi']} mẫu {n}",
            name_en=f"{idea['en']} model {n}",
            description_vi=idea["description_vi"],
            description_en=idea["description_en"],
            category=idea["category"],
            sector=exhibitor.sector,
            maturity=maturities[n % len(maturities)],
            target_customers=idea["customers"],
            awards=awards[n % len(awards)] if n % 10 == 0 else "",
            is_verified_make_in_danang=n % 2 == 0,
            status=ProductStatus.PUBLISHED,
            published_at=now,
        )
        product.search_text = product.build_search_text(exhibitor_name=exhibitor.name)
        batch.append(product)
    Product.objects.bulk_create(batch, batch_size=500)
    created = Product.objects.filter(slug__in=[p.slug for p in batch]).values_list("pk", "sector")
    ProductImage.objects.bulk_create(
        [
            ProductImage(product_id=pk, image=images[sector], alt_vi="Ảnh minh họa", alt_en="Illustration")
            for pk, sector in created
        ],
        batch_size=500,
    )
