"""Organisers in the Wagtail admin: lists, workflow actions, product review, badge, exports."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from exhibitors.models import ApplicationStatus, ProductStatus
from tests.factories.exhibitors import ApplicationFactory, BoothFactory, ProductFactory, UserFactory


def review_url(application):
    return reverse("exhibitors_admin:application_review", args=[application.pk])


def test_lists_and_exports_load(admin_client, application):
    ProductFactory()
    for model in ("exhibitorapplication", "product", "exhibitor", "boothpackage", "booth"):
        response = admin_client.get(reverse(f"wagtailsnippets_exhibitors_{model}:list"))
        assert response.status_code == 200, model
    listing = admin_client.get(
        reverse("wagtailsnippets_exhibitors_exhibitorapplication:list"), {"status": "submitted"}
    )
    assert review_url(application) in listing.content.decode()
    csv = admin_client.get(reverse("wagtailsnippets_exhibitors_exhibitor:list"), {"export": "csv"})
    assert (
        csv.status_code == 200 and application.exhibitor.tax_code in b"".join(csv.streaming_content).decode()
    )
    xlsx = admin_client.get(reverse("wagtailsnippets_exhibitors_product:list"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    from core.models import ExportLog

    assert set(ExportLog.objects.values_list("what", flat=True)) == {
        "exhibitors.exhibitor",
        "exhibitors.product",
    }
    assert admin_client.get(reverse("exhibitors_admin:review_queue")).status_code == 200


def test_workflow_approve_assign_cancel(admin_client, application, event):
    booth = BoothFactory(event=event)
    url = review_url(application)
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"action": "approve", "approve-payment_deadline": "2099-10-01"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.payment_deadline.year == 2099
    admin_client.post(url, {"action": "booth", "booth-booth": booth.pk})
    application.refresh_from_db()
    assert application.booth == booth
    # Confirming an unpaid application is refused with a message, nothing changes.
    response = admin_client.post(url, {"action": "confirm"}, follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert response.status_code == 200
    admin_client.post(url, {"action": "cancel", "cancel-reason": "Công ty xin rút"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CANCELLED and application.booth is None


def test_reject_needs_reason(admin_client, application):
    url = review_url(application)
    admin_client.post(url, {"action": "reject", "reject-reason": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    admin_client.post(url, {"action": "reject", "reject-reason": "Không phù hợp chủ đề"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_taken_booth_not_offered_and_refused(admin_client, package, admin_user):
    from exhibitors import services

    booth = BoothFactory(event=package.event)
    first, second = ApplicationFactory(package=package), ApplicationFactory(package=package)
    services.approve_application(first, user=admin_user)
    services.approve_application(second, user=admin_user)
    services.assign_booth(first, booth, user=admin_user)
    page = admin_client.get(review_url(second)).content.decode()
    assert f'value="{booth.pk}"' not in page
    admin_client.post(review_url(second), {"action": "booth", "booth-booth": booth.pk})
    second.refresh_from_db()
    assert second.booth is None


def test_product_review_approve_reject_badge(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    product = ProductFactory(status=ProductStatus.SUBMITTED, published_at=None)
    url = reverse("exhibitors_admin:product_review", args=[product.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "reject", "reject-reason": "Ảnh chưa rõ"})
    product.refresh_from_db()
    assert product.status == ProductStatus.REJECTED
    assert "Ảnh chưa rõ" in mailoutbox[-1].body
    product.status = ProductStatus.SUBMITTED
    product.save()
    admin_client.post(url, {"action": "approve"})
    admin_client.post(url, {"action": "grant_badge"})
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED and product.is_verified_make_in_danang


def test_review_pages_need_permission(client, application):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail's refusal: back to the admin home, with a message.
    response = client.get(review_url(application))
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    product = ProductFactory(status="submitted")
    response = client.post(
        reverse("exhibitors_admin:product_review", args=[product.pk]), {"action": "approve"}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    product.refresh_from_db()
    assert product.status == "submitted"


def test_resend_portal_invitation(
    admin_client, application, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    from exhibitors import services

    services.approve_application(application, user=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(review_url(application), {"action": "invite"})
    assert "/exhibitor-portal/invitation/" in mailoutbox[-1].body
    assert mailoutbox[-1].to == [application.contact_email]
