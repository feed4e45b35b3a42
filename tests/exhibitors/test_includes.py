"""The pieces other pages include: home page features, an event's exhibitors, a session's products."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from tests.factories.events import SessionFactory, translate_event
from tests.factories.exhibitors import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
)


def render(source, **context):
    with CaptureQueriesContext(connection) as captured:
        html = Template(source).render(Context(context))
    return html, len(captured)


HOME = '{% include "exhibitors/includes/home_featured.html" %}'


def test_home_featured_fixed_queries_and_only_featured(db):
    def add(n):
        for _ in range(n):
            ProductImageFactory(
                product=ProductFactory(is_featured=True, exhibitor=ExhibitorFactory(is_featured=True))
            )

    ProductFactory(name_vi="Không nổi bật")
    add(1)
    render(HOME)  # renditions made once
    html, small = render(HOME)
    add(3)
    render(HOME)
    html, large = render(HOME)
    assert small == large
    assert "Không nổi bật" not in html
    assert "Make in DaNang" in html


def test_home_featured_renders_nothing_without_features(db):
    ProductFactory()
    html, _ = render(HOME)
    assert html.strip() == ""


def test_event_include_works_from_the_english_page(site_pages, event, package):
    product = ProductFactory(name_en="Flood sensor")
    ApplicationFactory(exhibitor=product.exhibitor, package=package, status="confirmed")
    ProductFactory(name_en="Elsewhere")
    english = translate_event(event)
    from django.utils import translation

    with translation.override("en"):
        html, _ = render(
            '{% include "exhibitors/includes/event_exhibitors.html" with page=page %}', page=english
        )
    assert "Flood sensor" in html and "Elsewhere" not in html
    assert f"?event={event.pk}" in html


def test_session_include_lists_demonstrated_products(site_pages, event):
    session = SessionFactory(event=event)
    product = ProductFactory(name_vi="Robot lễ tân")
    product.sessions.add(session)
    ProductFactory(name_vi="Chưa duyệt", status="submitted").sessions.add(session)
    html, _ = render(
        '{% include "exhibitors/includes/session_products.html" with session=session %}', session=session
    )
    assert "Robot lễ tân" in html and "Chưa duyệt" not in html
