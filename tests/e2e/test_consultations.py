"""A public consultation in a real browser: read a draft, comment on a section, confirm by the e-mail's
link, see the comment once a moderator has published it; axe-clean at each step."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultations import services
from consultations.models import CommentStatus, ConsultationComment
from tests.e2e.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_a_citizen_comments_on_a_section_confirms_it_and_sees_it_published(live_server, page):
    from tests.factories.consultations import (
        ConsultationCommentFactory,
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )
    from tests.factories.content import make_home_pages

    home, _ = make_home_pages()
    index = ConsultationIndexPageFactory(parent=home)
    consultation = ConsultationPageFactory(
        parent=index, title="Dự thảo kế hoạch kỹ năng số", slug="ky-nang-so"
    )
    ConsultationCommentFactory(consultation=consultation, text="Đề nghị mở lớp vào buổi tối.")
    mail.outbox.clear()

    page.goto(f"{live_server.url}{index.url}")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Dự thảo kế hoạch kỹ năng số").click()
    expect(page.locator("main")).to_contain_text("Đề nghị mở lớp vào buổi tối.")
    assert axe_violations(page) == []

    form = page.locator("#comment-form")
    form.get_by_role("button", name="Gửi góp ý").click()  # empty: every field says what is missing
    expect(page.locator(".errorlist").first).to_be_visible()
    assert axe_violations(page) == []

    form = page.locator("#comment-form")
    form.get_by_label("Phần bạn góp ý").select_option(label="Điều 2. Đối tượng")
    form.get_by_label("Họ và tên").fill("Trần Thị Lan")
    form.get_by_role("textbox", name="Địa chỉ e-mail", exact=True).fill("lan@example.com")
    form.get_by_label("Góp ý của bạn").fill("Đề nghị bổ sung hộ kinh doanh vào đối tượng áp dụng.")
    form.get_by_label(re.compile("Tôi đồng ý")).check()
    form.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_url("**?sent=1#comment-form")
    expect(page.get_by_role("status")).to_be_visible()
    assert axe_violations(page) == []
    comment = ConsultationComment.objects.get(email="lan@example.com")
    assert comment.status == CommentStatus.PENDING_CONFIRMATION

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/consultations/confirm/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Xác nhận góp ý của tôi").click()
    expect(page.get_by_role("status")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

    services.moderate_comment(comment.pk, CommentStatus.PUBLISHED)
    page.goto(f"{live_server.url}{consultation.url}")
    section = page.locator(f"#section-{consultation.sections[1].id}")
    assert "Đề nghị bổ sung hộ kinh doanh" in section.inner_text()
    assert "lan@example.com" not in page.content()
    assert axe_violations(page) == []
