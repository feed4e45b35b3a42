"""Booth fees through Stripe Checkout: the portal's pay button, then the signed webhook confirms."""

import pytest
from django.urls import reverse

from exhibitors import services
from exhibitors.models import ApplicationStatus

# Every page here lives under the site's home pages.
pytestmark = pytest.mark.usefixtures("site_pages")


def test_pay_booth_fee_and_webhook_confirms(stripe_settings, member_client, application, admin_user):
    services.approve_application(application, user=admin_user)
    response = member_client.post(
        reverse(
            "exhibitors:portal_pay", kwargs={"exhibitor_id": application.exhibitor_id, "pk": application.pk}
        )
    )
    assert response.status_code == 302
    application.refresh_from_db()
    session_id = application.payment_reference
    assert session_id.startswith("cs_")
    assert response["Location"] == stripe_settings.get_session(session_id)[1]["url"]
    # A forged or early "completed" event changes nothing: the session is re-fetched and still unpaid.
    early = stripe_settings.deliver(
        member_client, stripe_settings.session_event("checkout.session.completed", session_id)
    )
    assert early.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    stripe_settings.complete_session(session_id)
    event = stripe_settings.session_event("checkout.session.completed", session_id)
    assert stripe_settings.deliver(member_client, event).json()["outcome"] == "booth_paid"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.payment_reference.startswith("pi_")
    # The same event twice is applied once.
    assert stripe_settings.deliver(member_client, event).json()["outcome"] == "duplicate"


def test_bad_signature_refused(stripe_settings, client, application, admin_user):
    services.approve_application(application, user=admin_user)
    session = services.start_booth_payment(
        application, success_url="http://testserver/ok", cancel_url="http://testserver/no"
    )
    stripe_settings.complete_session(session.id)
    event = stripe_settings.session_event("checkout.session.completed", session.id)
    response = stripe_settings.deliver(client, event, secret="whsec_wrong")
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_nothing_to_pay_when_not_approved(stripe_settings, application):
    with pytest.raises(services.ExhibitorError) as error:
        services.start_booth_payment(application, success_url="http://x/", cancel_url="http://x/")
    assert error.value.code == "nothing_to_pay"


def test_payment_service_down_gives_a_message(settings, member_client, application, admin_user):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    services.approve_application(application, user=admin_user)
    response = member_client.post(
        reverse(
            "exhibitors:portal_pay", kwargs={"exhibitor_id": application.exhibitor_id, "pk": application.pk}
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert (
        "payment service is not available" in response.content.decode()
        or "thanh toán" in response.content.decode()
    )


def test_return_from_checkout_confirms_without_waiting_for_the_webhook(
    stripe_settings, member_client, application, admin_user
):
    services.approve_application(application, user=admin_user)
    session = services.start_booth_payment(
        application, success_url="http://testserver/ok", cancel_url="http://testserver/no"
    )
    dashboard = reverse("exhibitors:portal_dashboard", kwargs={"exhibitor_id": application.exhibitor_id})
    member_client.get(dashboard + "?paid=1")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED  # not paid yet
    stripe_settings.complete_session(session.id)
    response = member_client.get(dashboard + "?paid=1")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert response.status_code == 200
