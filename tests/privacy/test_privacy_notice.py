"""The privacy notice: one page per language, generated from the settings, linked from every form that
collects personal data and from the footer; its version recorded with each consent."""

import pytest

from content.models import SupportRequest
from content.services import submit_support_request

pytestmark = pytest.mark.django_db


def test_the_notice_says_what_the_settings_say(client, site_pages, settings):
    settings.PRIVACY_RETAIN_ATTENDEES_MONTHS = 18
    settings.PRIVACY_RETAIN_LEADS_MONTHS = 3
    settings.PRIVACY_POLICY_VERSION = "2026-11"
    settings.PRIVACY_CONTACT_EMAIL = "dulieu@danang.gov.vn"
    vi = client.get("/vi/privacy/")
    assert vi.status_code == 200
    html = vi.content.decode()
    assert "Thông báo bảo vệ dữ liệu cá nhân" in html and "Phiên bản 2026-11" in html
    assert "18 tháng sau khi sự kiện kết thúc" in html and "3 tháng sau khi sự kiện kết thúc" in html
    assert "72 giờ" in html and "dulieu@danang.gov.vn" in html
    assert "Đơn vị triển lãm đã quét vé của bạn" in html  # the registry's places, translated
    en = client.get("/en/privacy/").content.decode()
    assert "Privacy notice" in en and "18 months after the event ends" in en and "Version 2026-11" in en


def test_every_form_and_the_footer_link_to_it(client, site_pages):
    from tests.factories.content import SupportPageFactory
    from tests.factories.exhibitors import BoothPackageFactory

    BoothPackageFactory()
    support = SupportPageFactory(parent=site_pages[0])
    for path in ["/vi/", "/vi/exhibitors/apply/", support.url]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'href="/vi/privacy/"' in response.content.decode(), path


def test_the_registration_form_links_to_it(client, site_pages):
    from tests.factories.registration import TicketTypeFactory

    ticket_type = TicketTypeFactory()
    response = client.post(f"/vi/register/{ticket_type.event.pk}/", {f"q_{ticket_type.pk}": 1}, follow=True)
    assert 'href="/vi/privacy/"' in response.content.decode()


def test_a_support_request_records_the_notice_version(settings, site_pages):
    settings.PRIVACY_POLICY_VERSION = "2026-11"
    request = submit_support_request(
        {
            "name": "Lê Văn Tám",
            "email": "tam@example.com",
            "topic": SupportRequest.Topic.choices[0][0],
            "message": "Xin chào",
        }
    )
    assert request.consent_policy_version == "2026-11"
