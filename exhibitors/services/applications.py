"""Booth applications: a company applies, an organiser approves (holding a booth) or rejects, the
approval is confirmed (free package, or once paid) or cancelled, and unpaid approvals expire.

Each function owns its transaction, re-reads the rows it changes with `select_for_update()`, checks the
rules, saves, writes an audit entry (Wagtail's log) and sends e-mail after commit.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exhibitors.errors import ExhibitorError
from exhibitors.models import (
    ACTIVE_APPLICATION_STATUSES,
    ApplicationStatus,
    BoothPackage,
    Exhibitor,
    ExhibitorApplication,
    new_reference,
)
from exhibitors.services.booths import remaining_booths
from exhibitors.services.emails import invitation_url, portal_url, send_email
from exhibitors.services.members import ensure_member
from exhibitors.services.slugs import unique_slug
from exhibitors.services.workflow import locked_application, move

DEFAULT_PAYMENT_DAYS = 14
DUPLICATE_APPLICATION = _(
    "This company already has an application for this event; we will contact you about it."
)


@transaction.atomic
def submit_application(*, event, package, company, contact, planned_products="", logo=None, user=None):
    """A company applies for a booth; a new company gets an exhibitor row (not public until approved).

    `company`: name, tax_code, sector, address, website, description_vi, description_en, is_make_in_danang.
    `contact`: name, email, phone.
    """
    event = event.source_event if hasattr(event, "source_event") else event
    package = BoothPackage.objects.select_for_update().get(pk=package.pk)
    if package.event_id != event.pk:
        raise ExhibitorError(_("This booth package belongs to another event."), code="wrong_event")
    if remaining_booths(package) <= 0:
        raise ExhibitorError(_("This booth package is sold out; please choose another."), code="sold_out")
    exhibitor = Exhibitor.objects.select_for_update().filter(tax_code=company["tax_code"]).first()
    if exhibitor is None:
        exhibitor = Exhibitor.objects.create(
            name=company["name"],
            slug=unique_slug(Exhibitor, company["name"]),
            tax_code=company["tax_code"],
            sector=company["sector"],
            address=company.get("address", ""),
            website=company.get("website", ""),
            description_vi=company.get("description_vi", ""),
            description_en=company.get("description_en", ""),
            contact_name=contact["name"],
            contact_email=contact["email"],
            contact_phone=contact["phone"],
            is_make_in_danang=company.get("is_make_in_danang", False),
            logo=logo,
        )
    if ExhibitorApplication.objects.filter(
        exhibitor=exhibitor, event=event, status__in=ACTIVE_APPLICATION_STATUSES
    ).exists():
        raise ExhibitorError(DUPLICATE_APPLICATION, code="duplicate")
    try:
        with transaction.atomic():
            application = ExhibitorApplication.objects.create(
                reference=new_reference(),
                exhibitor=exhibitor,
                event=event,
                package=package,
                amount=package.price,
                planned_products=planned_products,
                contact_name=contact["name"],
                contact_email=contact["email"],
                contact_phone=contact["phone"],
                claims_make_in_danang=company.get("is_make_in_danang", False),
                consent_at=timezone.now(),
                consent_policy_version=settings.PRIVACY_POLICY_VERSION,
            )
    except IntegrityError as error:
        raise ExhibitorError(DUPLICATE_APPLICATION, code="duplicate") from error
    log(
        instance=application,
        action="exhibitors.application_submitted",
        user=user,
        data={"reference": application.reference},
    )
    send_email(
        "application_submitted", application.contact_email, {"application": application, "event": event}
    )
    return application


@transaction.atomic
def approve_application(application, *, user, payment_deadline=None):
    """Approve: hold a booth of the package (never more than it has), invite the contact to the portal."""
    application = locked_application(application)
    package = BoothPackage.objects.select_for_update().get(pk=application.package_id)
    move(application, ApplicationStatus.APPROVED)
    if remaining_booths(package) <= 0:
        raise ExhibitorError(_("No booth of this package is left: the package is sold out."), code="sold_out")
    application.amount = package.price
    application.decided_at = timezone.now()
    application.reason = ""
    if application.amount > 0:
        application.payment_deadline = payment_deadline or (
            timezone.now() + dt.timedelta(days=DEFAULT_PAYMENT_DAYS)
        )
    application.save(update_fields=["status", "amount", "decided_at", "reason", "payment_deadline"])
    exhibitor = application.exhibitor
    if not exhibitor.is_public:
        exhibitor.is_public = True
        exhibitor.save(update_fields=["is_public", "updated_at"])
    log(
        instance=application,
        action="exhibitors.application_approved",
        user=user,
        data={"reference": application.reference},
    )
    member_user, created = ensure_member(
        exhibitor, application.contact_email, application.contact_name, invited_by=user
    )
    send_email(
        "application_approved",
        application.contact_email,
        {
            "application": application,
            "invitation_url": invitation_url(member_user)
            if created or not member_user.has_usable_password()
            else "",
            "portal_url": portal_url(),
        },
    )
    if application.amount == 0:
        move(application, ApplicationStatus.CONFIRMED)
        application.save(update_fields=["status"])
        log(instance=application, action="exhibitors.application_confirmed", user=user, data={"free": True})
    return application


@transaction.atomic
def confirm_application(application, *, user):
    """Confirm a paid application, or an approved one whose package is free."""
    application = locked_application(application)
    if application.status == ApplicationStatus.APPROVED and application.amount > 0:
        raise ExhibitorError(
            _("This booth has a fee: the application is confirmed once it is paid."),
            code="invalid_transition",
        )
    move(application, ApplicationStatus.CONFIRMED)
    application.save(update_fields=["status"])
    log(instance=application, action="exhibitors.application_confirmed", user=user)
    send_email("application_confirmed", application.contact_email, {"application": application})
    return application


# How an application ends early: (audit action and e-mail template, what to say when no reason is given).
ENDINGS = {
    ApplicationStatus.REJECTED: ("application_rejected", _("Give the company a reason for the rejection.")),
    ApplicationStatus.CANCELLED: ("application_cancelled", _("Give a reason for the cancellation.")),
}


def _end_application(application, new_status, *, user, reason):
    """Reject or cancel: the booth is freed and the company is told why."""
    what, missing_reason = ENDINGS[new_status]
    if not (reason or "").strip():
        raise ExhibitorError(missing_reason, code="reason_required")
    application = locked_application(application)
    move(application, new_status)
    application.reason = reason.strip()
    application.booth = None
    fields = ["status", "reason", "booth"]
    if new_status == ApplicationStatus.REJECTED:
        application.decided_at = timezone.now()
        fields.append("decided_at")
    application.save(update_fields=fields)
    log(instance=application, action=f"exhibitors.{what}", user=user, data={"reason": application.reason})
    send_email(what, application.contact_email, {"application": application})
    return application


@transaction.atomic
def reject_application(application, *, user, reason):
    return _end_application(application, ApplicationStatus.REJECTED, user=user, reason=reason)


@transaction.atomic
def cancel_application(application, *, user, reason):
    return _end_application(application, ApplicationStatus.CANCELLED, user=user, reason=reason)


def expire_unpaid_applications(now=None):
    """Cancel approvals whose payment deadline passed (run by a periodic task); returns how many."""
    now = now or timezone.now()
    expired = ExhibitorApplication.objects.filter(
        status=ApplicationStatus.APPROVED, amount__gt=0, payment_deadline__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(expired):
        application = ExhibitorApplication.objects.get(pk=pk)
        try:
            cancel_application(
                application, user=None, reason=str(_("The booth fee was not paid by the deadline."))
            )
            count += 1
        except ExhibitorError:
            continue
    return count
