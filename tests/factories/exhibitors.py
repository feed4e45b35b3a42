"""Factories for the showcase: exhibitors, members, booth packages, booths, applications, products, leads."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.vn import mst

from exhibitors.models import (
    ApplicationStatus,
    Booth,
    BoothPackage,
    Exhibitor,
    ExhibitorApplication,
    ExhibitorMember,
    Lead,
    Product,
    ProductImage,
    ProductStatus,
)
from tests.factories.events import EventPageFactory
from tests.factories.images import make_image


def valid_tax_code(n):
    """A 10-digit tax code of Đà Nẵng (prefix 04) with a correct check digit."""
    body = f"04{n % 10_000_000:07d}"
    return body + mst.calc_check_digit(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"nhanvien{n}@example.com")
    email = factory.LazyAttribute(lambda o: o.username)
    password = factory.django.Password("mat-khau-an-toan-123")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    """A public exhibitor (as after an approved application)."""

    class Meta:
        model = Exhibitor

    name = factory.Sequence(lambda n: f"Công ty Cổ phần Công nghệ Sông Hàn {n}")
    slug = factory.Sequence(lambda n: f"cong-ty-song-han-{n}")
    tax_code = factory.Sequence(valid_tax_code)
    sector = "smart_city"
    address = "Khu Công viên Phần mềm số 2, Hải Châu, Đà Nẵng"
    website = "https://example.com"
    description_vi = "Giải pháp đô thị thông minh cho Đà Nẵng."
    description_en = "Smart-city solutions for Đà Nẵng."
    contact_name = "Trần Minh Khoa"
    contact_email = factory.Sequence(lambda n: f"lienhe{n}@example.com")
    contact_phone = "+84905123456"
    is_make_in_danang = True
    is_public = True


class ExhibitorMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitorMember

    exhibitor = factory.SubFactory(ExhibitorFactory)
    user = factory.SubFactory(UserFactory)


class BoothPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothPackage

    event = factory.SubFactory(EventPageFactory)
    name_vi = factory.Sequence(lambda n: f"Gian tiêu chuẩn {n}")
    name_en = factory.Sequence(lambda n: f"Standard booth {n}")
    size = "3 × 3 m"
    price = 5_000_000
    count_available = 10


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    event = factory.SubFactory(EventPageFactory)
    hall = "A"
    number = factory.Sequence(lambda n: f"A{n:02d}")
    size = "3 × 3 m"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application for the package's event."""

    class Meta:
        model = ExhibitorApplication

    exhibitor = factory.SubFactory(ExhibitorFactory)
    package = factory.SubFactory(BoothPackageFactory)
    event = factory.SelfAttribute("package.event")
    amount = factory.SelfAttribute("package.price")
    status = ApplicationStatus.SUBMITTED
    contact_name = factory.SelfAttribute("exhibitor.contact_name")
    contact_email = factory.SelfAttribute("exhibitor.contact_email")
    contact_phone = factory.SelfAttribute("exhibitor.contact_phone")
    planned_products = "Nền tảng IOC"


class ProductFactory(factory.django.DjangoModelFactory):
    """A published product."""

    class Meta:
        model = Product

    exhibitor = factory.SubFactory(ExhibitorFactory)
    name_vi = factory.Sequence(lambda n: f"Nền tảng giám sát giao thông thông minh {n}")
    name_en = factory.Sequence(lambda n: f"Smart traffic monitoring platform {n}")
    slug = factory.Sequence(lambda n: f"nen-tang-giao-thong-{n}")
    description_vi = "Phân tích camera giao thông theo thời gian thực."
    description_en = "Real-time analysis of traffic cameras."
    category = "software"
    sector = "smart_city"
    maturity = "on_market"
    status = ProductStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(make_image)
    alt_vi = "Màn hình giám sát"
    alt_en = "Monitoring screen"


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    exhibitor = factory.SubFactory(ExhibitorFactory)
    shared = True
    name = "Lê Thị Hoa"
    organisation = "Sở Du lịch"
    email = "hoa@example.com"
