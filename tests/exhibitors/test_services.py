"""Services: the application state machine, booth stock and assignment, product review, leads."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from exhibitors import services
from exhibitors.models import ApplicationStatus, ExhibitorApplication, Lead, ProductStatus
from tests.factories.exhibitors import (
    ApplicationFactory,
    BoothFactory,
    ProductFactory,
    valid_tax_code,
)
from tests.factories.registration import TicketFactory

COMPANY = {
    "name": "Công ty TNHH Giải pháp Số Ngũ Hành Sơn",
    "tax_code": valid_tax_code(4242),
    "sector": "fintech",
    "address": "12 Lê Văn Hiến, Ngũ Hành Sơn, Đà Nẵng",
    "website": "https://nhs.example.com",
    "description_vi": "Ví điện tử cho chợ truyền thống.",
    "description_en": "An e-wallet for traditional markets.",
    "is_make_in_danang": True,
}
CONTACT = {"name": "Phạm Thu Hà", "email": "ha@nhs.example.com", "phone": "+84905111222"}


def test_submit_creates_private_exhibitor_reference_and_email(
    package, settings, django_capture_on_commit_callbacks, audit_actions
):
    settings.PRIVACY_POLICY_VERSION = "2031-02"  # the one site-wide version, read when consent is given
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit_application(
            event=package.event, package=package, company=COMPANY, contact=CONTACT
        )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.reference.startswith("GH-")
    assert application.amount == package.price
    assert application.consent_at is not None
    assert application.consent_policy_version == "2031-02"
    assert application.exhibitor.is_public is False
    assert "exhibitors.application_submitted" in audit_actions(application)
    assert len(mail.outbox) == 1
    assert application.reference in mail.outbox[0].subject
    assert mail.outbox[0].to == ["ha@nhs.example.com"]


def test_submit_twice_for_same_event_refused(package):
    services.submit_application(event=package.event, package=package, company=COMPANY, contact=CONTACT)
    with pytest.raises(services.ExhibitorError) as error:
        services.submit_application(event=package.event, package=package, company=COMPANY, contact=CONTACT)
    assert error.value.code == "duplicate"


def test_approve_invites_contact_and_makes_exhibitor_public(
    application, admin_user, django_capture_on_commit_callbacks, audit_actions
):
    application.exhibitor.is_public = False
    application.exhibitor.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application, user=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.payment_deadline is not None
    assert application.exhibitor.is_public
    assert application.exhibitor.members.filter(email=application.contact_email).exists()
    assert "/exhibitor-portal/invitation/" in mail.outbox[-1].body
    assert "exhibitors.application_approved" in audit_actions(application)


def test_free_package_is_confirmed_on_approval(exhibitor, free_package, admin_user):
    application = ApplicationFactory(exhibitor=exhibitor, package=free_package)
    services.approve_application(application, user=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED


def test_state_machine_refuses_skipping(application, admin_user):
    with pytest.raises(services.ExhibitorError) as error:
        services.confirm_application(application, user=admin_user)
    assert error.value.code == "invalid_transition"
    with pytest.raises(services.ExhibitorError):
        services.mark_application_paid(application, payment_reference="pi_1")
    services.approve_application(application, user=admin_user)
    # A paid package cannot be confirmed without payment.
    with pytest.raises(services.ExhibitorError):
        services.confirm_application(application, user=admin_user)
    with pytest.raises(services.ExhibitorError):
        services.reject_application(application, user=admin_user, reason="late")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_reject_needs_reason_and_emails_it(application, admin_user, django_capture_on_commit_callbacks):
    with pytest.raises(services.ExhibitorError) as error:
        services.reject_application(application, user=admin_user, reason="  ")
    assert error.value.code == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(application, user=admin_user, reason="Hết chỗ cho lĩnh vực này")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "Hết chỗ cho lĩnh vực này" in mail.outbox[-1].body
    with pytest.raises(services.ExhibitorError):
        services.approve_application(application, user=admin_user)


def test_paid_then_confirmed_once(audit_actions, application, admin_user):
    services.approve_application(application, user=admin_user)
    services.mark_application_paid(application, payment_reference="pi_123", amount=application.amount)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.paid_at is not None
    # The same evidence again (a webhook delivered twice) changes nothing.
    services.mark_application_paid(application, payment_reference="pi_123", amount=application.amount)
    assert audit_actions(application).count("exhibitors.application_paid") == 1


def test_paid_amount_must_match(application, admin_user):
    services.approve_application(application, user=admin_user)
    with pytest.raises(services.ExhibitorError) as error:
        services.mark_application_paid(application, payment_reference="pi_1", amount=1000)
    assert error.value.code == "amount_mismatch"


def test_package_stock_never_oversold(package, admin_user):
    # count_available = 2
    applications = [ApplicationFactory(package=package) for _ in range(3)]
    services.approve_application(applications[0], user=admin_user)
    services.approve_application(applications[1], user=admin_user)
    with pytest.raises(services.ExhibitorError) as error:
        services.approve_application(applications[2], user=admin_user)
    assert error.value.code == "sold_out"
    applications[2].refresh_from_db()
    assert applications[2].status == ApplicationStatus.SUBMITTED


def test_cancel_frees_booth_and_expired_approvals_are_cancelled(application, booth, admin_user):
    from django.utils import timezone

    services.approve_application(application, user=admin_user)
    services.assign_booth(application, booth, user=admin_user)
    ExhibitorApplication.objects.filter(pk=application.pk).update(
        payment_deadline=timezone.now() - timezone.timedelta(days=1)
    )
    assert services.expire_unpaid_applications() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CANCELLED
    assert application.booth is None


def test_double_booth_assignment_refused(package, booth, admin_user):
    first, second = ApplicationFactory(package=package), ApplicationFactory(package=package)
    for application in (first, second):
        services.approve_application(application, user=admin_user)
    services.assign_booth(first, booth, user=admin_user)
    with pytest.raises(services.ExhibitorError) as error:
        services.assign_booth(second, booth, user=admin_user)
    assert error.value.code == "booth_taken"
    # The database refuses it too, even if a service check were skipped.
    with pytest.raises(IntegrityError), transaction.atomic():
        ExhibitorApplication.objects.filter(pk=second.pk).update(booth=booth)


def test_booth_of_another_event_or_unapproved_refused(application, admin_user):
    other_booth = BoothFactory()
    with pytest.raises(services.ExhibitorError) as error:
        services.assign_booth(application, other_booth, user=admin_user)
    assert error.value.code == "not_approved"
    services.approve_application(application, user=admin_user)
    with pytest.raises(services.ExhibitorError) as error:
        services.assign_booth(application, other_booth, user=admin_user)
    assert error.value.code == "wrong_event"


def test_product_review_state_machine(exhibitor, member, admin_user):
    product = services.create_product(
        exhibitor,
        user=member,
        data={"name_vi": "Ứng dụng Đà Nẵng Xanh", "category": "mobile_app", "sector": "smart_city"},
    )
    assert product.status == ProductStatus.DRAFT
    # Skipping review: a draft cannot be approved or rejected.
    with pytest.raises(services.ExhibitorError):
        services.approve_product(product, user=admin_user)
    with pytest.raises(services.ExhibitorError):
        services.reject_product(product, user=admin_user, reason="x")
    services.submit_product(product, user=member)
    with pytest.raises(services.ExhibitorError):
        services.submit_product(product, user=member)
    services.reject_product(product, user=admin_user, reason="Thiếu mô tả tiếng Anh")
    product.refresh_from_db()
    assert product.status == ProductStatus.REJECTED
    services.submit_product(product, user=member)
    services.approve_product(product, user=admin_user)
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED
    assert product.published_at is not None


def test_changes_to_published_product_wait_for_review(exhibitor, member, admin_user):
    product = ProductFactory(exhibitor=exhibitor, name_vi="Tên cũ", description_vi="Mô tả đã duyệt")
    services.update_product(
        product, user=member, data={"name_vi": "Tên mới", "description_vi": "Văn bản chưa duyệt"}
    )
    product.refresh_from_db()
    assert product.name_vi == "Tên cũ"
    assert product.description_vi == "Mô tả đã duyệt"
    assert product.pending["description_vi"] == "Văn bản chưa duyệt"
    assert "van ban chua duyet" not in product.search_text
    with pytest.raises(services.ExhibitorError):
        services.approve_product(product, user=admin_user)  # not submitted yet
    services.submit_product(product, user=member)
    services.approve_product(product, user=admin_user)
    product.refresh_from_db()
    assert product.name_vi == "Tên mới"
    assert product.pending is None
    assert "ten moi" in product.search_text


def test_badge_granted_by_organiser_is_logged(audit_actions, admin_user):
    product = ProductFactory()
    services.set_verified_badge(product, user=admin_user, verified=True)
    product.refresh_from_db()
    assert product.is_verified_make_in_danang
    assert "exhibitors.badge_granted" in audit_actions(product)


def test_lead_details_only_when_attendee_opted_in(exhibitor, member, exhibiting, event, package):
    sharing = TicketFactory(
        ticket_type__event=event,
        share_with_exhibitors=True,
        attendee_name="Võ Thị Sáu",
        organisation="UBND quận Hải Châu",
    )
    private = TicketFactory(
        ticket_type__event=event, share_with_exhibitors=False, attendee_name="Đỗ Văn Bí Mật"
    )
    lead, created = services.record_lead(exhibitor, secret=sharing.secret, user=member)
    assert created and lead.shared and lead.name == "Võ Thị Sáu" and lead.email == sharing.email
    anonymous, _ = services.record_lead(exhibitor, secret=private.secret, user=member)
    assert not anonymous.shared
    assert anonymous.name == anonymous.email == anonymous.organisation == ""
    again, created_again = services.record_lead(exhibitor, secret=sharing.secret, user=member)
    assert again.pk == lead.pk and not created_again
    assert Lead.objects.filter(exhibitor=exhibitor).count() == 2
    # Another exhibitor scanning the same ticket gets its own lead.
    other = ApplicationFactory(package=package, status="confirmed").exhibitor
    other_lead, _ = services.record_lead(other, secret=sharing.secret, user=member)
    assert other_lead.pk != lead.pk


def test_lead_with_unknown_secret_refused(exhibitor, member):
    with pytest.raises(services.ExhibitorError) as error:
        services.record_lead(exhibitor, secret="KHONGCOVE", user=member)
    assert error.value.code == "invalid"


def test_lead_from_another_events_ticket_refused(exhibitor, member, exhibiting):
    elsewhere = TicketFactory(share_with_exhibitors=True)
    with pytest.raises(services.ExhibitorError) as error:
        services.record_lead(exhibitor, secret=elsewhere.secret, user=member)
    assert error.value.code == "wrong_event"
