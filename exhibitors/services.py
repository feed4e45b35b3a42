"""Every state change of the showcase: applications, booths, members, products, leads.

Each function owns its transaction, re-reads the row it changes with `select_for_update()`, checks the
rules, saves, writes an audit entry (Wagtail's log) and sends e-mail after commit.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.tasks import enqueue, send_plain_email
from exhibitors.models import (
    HOLDING_STATUSES,
    PRODUCT_REVIEWED_FIELDS,
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

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
DEFAULT_PAYMENT_DAYS = 14
PRIVACY_POLICY_VERSION = "2025-1"


class ExhibitorError(Exception):
    """A rule of the showcase said no; `code` is machine-readable, the message is for people."""

    def __init__(self, message, code="invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code


# Allowed moves of the application state machine; anything else (a skipped state) is refused.
APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CANCELLED,
    },
    ApplicationStatus.APPROVED: {
        ApplicationStatus.PAID,
        ApplicationStatus.CONFIRMED,
        ApplicationStatus.CANCELLED,
    },
    ApplicationStatus.PAID: {ApplicationStatus.CONFIRMED, ApplicationStatus.CANCELLED},
    ApplicationStatus.CONFIRMED: {ApplicationStatus.CANCELLED},
    ApplicationStatus.REJECTED: set(),
    ApplicationStatus.CANCELLED: set(),
}

PRODUCT_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.SUBMITTED},
    ProductStatus.SUBMITTED: {ProductStatus.PUBLISHED, ProductStatus.REJECTED},
    ProductStatus.REJECTED: {ProductStatus.SUBMITTED},
    ProductStatus.PUBLISHED: set(),
}


def _move(application, new_status):
    allowed = APPLICATION_TRANSITIONS[ApplicationStatus(application.status)]
    if new_status not in allowed:
        raise ExhibitorError(
            _("An application that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": ApplicationStatus(application.status).label,
                "new": ApplicationStatus(new_status).label,
            },
            code="invalid_transition",
        )
    application.status = new_status


def _locked_application(application):
    return (
        ExhibitorApplication.objects.select_for_update()
        .select_related("exhibitor", "package")
        .get(pk=application.pk)
    )


def new_reference():
    for _attempt in range(10):
        reference = "GH-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))
        if not ExhibitorApplication.objects.filter(reference=reference).exists():
            return reference
    raise ExhibitorError(_("Could not make a reference; please try again."), code="reference")


def unique_slug(model, text, exclude_pk=None):
    base = slugify(_ascii(text))[:100] or "item"
    slug, n = base, 2
    queryset = model.objects.all()
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _ascii(text):
    from exhibitors.search import fold

    return fold(text)


# --- e-mail ------------------------------------------------------------------------------------


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def _send(template, to, context):
    """A bilingual message (Vietnamese first, then English), sent once the transaction commits."""
    bodies, subject = [], ""
    for language in ("vi", "en"):
        with translation.override(language):
            text = render_to_string(f"exhibitors/emails/{template}.txt", {**context, "language": language})
            first, _sep, rest = text.strip().partition("\n")
            subject = subject or first.strip()
            bodies.append(rest.strip())
    body = "\n\n----------\n\n".join(bodies)
    enqueue(send_plain_email, subject, body, [to])


def invitation_url(user, language="vi"):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        return site_url(reverse("exhibitors:portal_invitation", kwargs={"uidb64": uid, "token": token}))


# --- applications ------------------------------------------------------------------------------


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
        exhibitor=exhibitor, event=event, status__in=[*HOLDING_STATUSES, ApplicationStatus.SUBMITTED]
    ).exists():
        raise ExhibitorError(
            _("This company already has an application for this event; we will contact you about it."),
            code="duplicate",
        )
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
                consent_policy_version=PRIVACY_POLICY_VERSION,
            )
    except IntegrityError as error:
        raise ExhibitorError(
            _("This company already has an application for this event; we will contact you about it."),
            code="duplicate",
        ) from error
    log(
        instance=application,
        action="exhibitors.application_submitted",
        user=user,
        data={"reference": application.reference},
    )
    _send("application_submitted", application.contact_email, {"application": application, "event": event})
    return application


def remaining_booths(package):
    held = package.applications.filter(status__in=HOLDING_STATUSES).count()
    return max(package.count_available - held, 0)


@transaction.atomic
def approve_application(application, *, user, payment_deadline=None):
    """Approve: hold a booth of the package (never more than it has), invite the contact to the portal."""
    application = _locked_application(application)
    package = BoothPackage.objects.select_for_update().get(pk=application.package_id)
    _move(application, ApplicationStatus.APPROVED)
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
    member_user, created = _ensure_member(
        exhibitor, application.contact_email, application.contact_name, invited_by=user
    )
    _send(
        "application_approved",
        application.contact_email,
        {
            "application": application,
            "invitation_url": invitation_url(member_user)
            if created or not member_user.has_usable_password()
            else "",
            "portal_url": site_url(reverse("exhibitors:portal_home")),
        },
    )
    if application.amount == 0:
        _move(application, ApplicationStatus.CONFIRMED)
        application.save(update_fields=["status"])
        log(instance=application, action="exhibitors.application_confirmed", user=user, data={"free": True})
    return application


@transaction.atomic
def reject_application(application, *, user, reason):
    if not (reason or "").strip():
        raise ExhibitorError(_("Give the company a reason for the rejection."), code="reason_required")
    application = _locked_application(application)
    _move(application, ApplicationStatus.REJECTED)
    application.reason = reason.strip()
    application.decided_at = timezone.now()
    application.booth = None
    application.save(update_fields=["status", "reason", "decided_at", "booth"])
    log(
        instance=application,
        action="exhibitors.application_rejected",
        user=user,
        data={"reason": application.reason},
    )
    _send("application_rejected", application.contact_email, {"application": application})
    return application


@transaction.atomic
def confirm_application(application, *, user):
    """Confirm a paid application, or an approved one whose package is free."""
    application = _locked_application(application)
    if application.status == ApplicationStatus.APPROVED and application.amount > 0:
        raise ExhibitorError(
            _("This booth has a fee: the application is confirmed once it is paid."),
            code="invalid_transition",
        )
    _move(application, ApplicationStatus.CONFIRMED)
    application.save(update_fields=["status"])
    log(instance=application, action="exhibitors.application_confirmed", user=user)
    _send("application_confirmed", application.contact_email, {"application": application})
    return application


@transaction.atomic
def mark_application_paid(application, *, payment_reference, amount=None, user=None):
    """Verified evidence of payment arrived (webhook or re-fetch): paid, then confirmed. Idempotent."""
    application = _locked_application(application)
    if application.status in (ApplicationStatus.PAID, ApplicationStatus.CONFIRMED) and application.paid_at:
        return application
    if amount is not None and int(amount) != application.amount:
        raise ExhibitorError(_("The amount paid does not match the booth fee."), code="amount_mismatch")
    _move(application, ApplicationStatus.PAID)
    application.paid_at = timezone.now()
    application.payment_reference = payment_reference or ""
    application.save(update_fields=["status", "paid_at", "payment_reference"])
    log(
        instance=application,
        action="exhibitors.application_paid",
        user=user,
        data={"payment": payment_reference},
    )
    _move(application, ApplicationStatus.CONFIRMED)
    application.save(update_fields=["status"])
    log(instance=application, action="exhibitors.application_confirmed", user=user)
    _send("application_confirmed", application.contact_email, {"application": application})
    return application


@transaction.atomic
def cancel_application(application, *, user, reason):
    if not (reason or "").strip():
        raise ExhibitorError(_("Give a reason for the cancellation."), code="reason_required")
    application = _locked_application(application)
    _move(application, ApplicationStatus.CANCELLED)
    application.reason = reason.strip()
    application.booth = None
    application.save(update_fields=["status", "reason", "booth"])
    log(
        instance=application,
        action="exhibitors.application_cancelled",
        user=user,
        data={"reason": application.reason},
    )
    _send("application_cancelled", application.contact_email, {"application": application})
    return application


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


@transaction.atomic
def assign_booth(application, booth, *, user):
    """Give an application its booth; a booth holds one exhibitor (checked here and by the database)."""
    application = _locked_application(application)
    if booth is None:
        application.booth = None
        application.save(update_fields=["booth"])
        log(instance=application, action="exhibitors.booth_assigned", user=user, data={"booth": None})
        return application
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    if application.status not in HOLDING_STATUSES:
        raise ExhibitorError(_("Only an approved application can get a booth."), code="not_approved")
    if booth.event_id != application.event_id:
        raise ExhibitorError(_("This booth belongs to another event."), code="wrong_event")
    holder = (
        ExhibitorApplication.objects.filter(booth=booth)
        .exclude(pk=application.pk)
        .select_related("exhibitor")
        .first()
    )
    if holder is not None:
        raise ExhibitorError(
            _("Booth %(booth)s is already assigned to %(company)s.")
            % {"booth": booth, "company": holder.exhibitor},
            code="booth_taken",
        )
    application.booth = booth
    try:
        with transaction.atomic():
            application.save(update_fields=["booth"])
    except IntegrityError as error:
        raise ExhibitorError(
            _("This booth was just assigned to another exhibitor."), code="booth_taken"
        ) from error
    log(instance=application, action="exhibitors.booth_assigned", user=user, data={"booth": str(booth)})
    return application


# --- payments ----------------------------------------------------------------------------------


def start_booth_payment(application, *, success_url, cancel_url, language="vi"):
    """A Stripe Checkout Session for the booth fee; the webhook (metadata kind="booth") confirms it."""
    from registration import payments

    application = ExhibitorApplication.objects.select_related("package", "event").get(pk=application.pk)
    if not application.needs_payment:
        raise ExhibitorError(_("Nothing to pay for this application."), code="nothing_to_pay")
    if application.payment_deadline and application.payment_deadline < timezone.now():
        raise ExhibitorError(
            _("The payment deadline has passed; please contact the organisers."), code="expired"
        )
    with translation.override(language):
        name = str(_("Booth %(package)s, %(event)s")) % {
            "package": application.package.name,
            "event": application.event.title,
        }
    session = payments.create_checkout_session(
        reference=application.reference,
        line_items=[payments.LineItem(name=name, unit_amount=application.amount)],
        success_url=success_url,
        cancel_url=cancel_url,
        metadata={"kind": "booth", "application": str(application.pk)},
        customer_email=application.contact_email,
        locale=language,
        idempotency_key=f"booth-{application.reference}-{application.amount}",
    )
    ExhibitorApplication.objects.filter(pk=application.pk).update(payment_reference=session.id)
    log(instance=application, action="exhibitors.payment_started", user=None, data={"session": session.id})
    return session


def handle_booth_webhook(event_type, session):
    """Stripe webhook handler for Checkout Sessions with metadata kind="booth" (registered in apps.py).

    The body is not trusted alone: the session is fetched again from Stripe before anything changes.
    """
    from registration import payments

    reference = session.metadata.get("reference") or session.client_reference_id
    application = ExhibitorApplication.objects.filter(reference=reference).first()
    if application is None:
        return "unknown_application"
    if event_type not in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        return "ignored"
    fresh = payments.retrieve_checkout_session(session.id)
    if not fresh.is_paid:
        return "awaiting_async_payment"
    if fresh.client_reference_id and fresh.client_reference_id != application.reference:
        return "reference_mismatch"
    try:
        mark_application_paid(
            application, payment_reference=fresh.payment_intent or fresh.id, amount=fresh.amount_total
        )
    except ExhibitorError as error:
        return f"refused_{error.code}"
    return "booth_paid"


# --- members -----------------------------------------------------------------------------------


def _ensure_member(exhibitor, email, name="", invited_by=None):
    """The login for `email` (created without a password if new) as a member of `exhibitor`."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = False
    if user is None:
        first, _sep, last = (name or "").rpartition(" ")
        user = User(
            username=email[:150], email=email, first_name=first[:150], last_name=last[:150] or name[:150]
        )
        user.set_unusable_password()
        user.save()
        created = True
    ExhibitorMember.objects.get_or_create(exhibitor=exhibitor, user=user, defaults={"invited_by": invited_by})
    return user, created


@transaction.atomic
def invite_member(exhibitor, *, email, name="", invited_by):
    user, created = _ensure_member(exhibitor, email, name, invited_by=invited_by)
    log(instance=exhibitor, action="exhibitors.member_invited", user=invited_by, data={"email": user.email})
    _send(
        "member_invited",
        user.email,
        {
            "exhibitor": exhibitor,
            "invitation_url": invitation_url(user) if not user.has_usable_password() else "",
            "portal_url": site_url(reverse("exhibitors:portal_home")),
            "invited_by": invited_by,
        },
    )
    return user


@transaction.atomic
def update_exhibitor_profile(exhibitor, *, user, data):
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    changed = []
    for field, value in data.items():
        if getattr(exhibitor, field) != value:
            setattr(exhibitor, field, value)
            changed.append(field)
    if changed:
        exhibitor.save(update_fields=[*changed, "updated_at"])
        if "name" in changed:
            for product in exhibitor.products.all():
                product.save(update_fields=["search_text"])
        log(instance=exhibitor, action="exhibitors.profile_updated", user=user, data={"fields": changed})
    return exhibitor


# --- products ----------------------------------------------------------------------------------


def _organiser_emails():
    return list(getattr(settings, "ORGANISER_EMAILS", []))


@transaction.atomic
def create_product(exhibitor, *, user, data, sessions=None):
    product = Product(exhibitor=exhibitor, status=ProductStatus.DRAFT, **data)
    product.slug = unique_slug(Product, data.get("name_vi") or data.get("name_en") or "product")
    product.save()
    if sessions is not None:
        product.sessions.set(sessions)
    log(instance=product, action="exhibitors.product_created", user=user)
    return product


@transaction.atomic
def update_product(product, *, user, data, sessions=None):
    """Edit a product. A published product keeps its public text: the edit waits for review."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == ProductStatus.PUBLISHED:
        proposed = {field: data.get(field, getattr(product, field)) for field in PRODUCT_REVIEWED_FIELDS}
        current = {field: getattr(product, field) for field in PRODUCT_REVIEWED_FIELDS}
        if proposed != current:
            product.pending = proposed
            product.pending_status = ProductStatus.DRAFT
            product.save(update_fields=["pending", "pending_status", "updated_at"])
    else:
        for field, value in data.items():
            setattr(product, field, value)
        if product.status == ProductStatus.REJECTED:
            product.status = ProductStatus.DRAFT
        product.save()
    if sessions is not None:
        product.sessions.set(sessions)
    log(instance=product, action="exhibitors.product_updated", user=user)
    return product


@transaction.atomic
def submit_product(product, *, user):
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == ProductStatus.PUBLISHED:
        if not product.pending or product.pending_status not in (ProductStatus.DRAFT, ProductStatus.REJECTED):
            raise ExhibitorError(_("There are no changes to submit."), code="nothing_to_submit")
        product.pending_status = ProductStatus.SUBMITTED
        product.save(update_fields=["pending_status", "updated_at"])
    else:
        if product.status == ProductStatus.REJECTED:
            product.status = ProductStatus.DRAFT
        if ProductStatus.SUBMITTED not in PRODUCT_TRANSITIONS[ProductStatus(product.status)]:
            raise ExhibitorError(_("This product is already waiting for review."), code="invalid_transition")
        product.status = ProductStatus.SUBMITTED
        product.save(update_fields=["status", "updated_at"])
    log(instance=product, action="exhibitors.product_submitted", user=user)
    return product


@transaction.atomic
def approve_product(product, *, user):
    """Publish a submitted product, or apply submitted changes to a published one."""
    product = Product.objects.select_for_update().select_related("exhibitor").get(pk=product.pk)
    if product.status == ProductStatus.PUBLISHED and product.pending_status == ProductStatus.SUBMITTED:
        for field, value in (product.pending or {}).items():
            if field in PRODUCT_REVIEWED_FIELDS:
                setattr(product, field, value)
        product.pending = None
        product.pending_status = ""
    elif product.status == ProductStatus.SUBMITTED:
        product.status = ProductStatus.PUBLISHED
        product.published_at = timezone.now()
    else:
        raise ExhibitorError(
            _("Only a product submitted for review can be approved (this one is “%(status)s”).")
            % {"status": ProductStatus(product.status).label},
            code="invalid_transition",
        )
    product.review_reason = ""
    product.save()
    log(instance=product, action="exhibitors.product_approved", user=user)
    _notify_product(product, "product_approved")
    return product


@transaction.atomic
def reject_product(product, *, user, reason):
    if not (reason or "").strip():
        raise ExhibitorError(_("Give the exhibitor a reason for the rejection."), code="reason_required")
    product = Product.objects.select_for_update().select_related("exhibitor").get(pk=product.pk)
    if product.status == ProductStatus.PUBLISHED and product.pending_status == ProductStatus.SUBMITTED:
        product.pending_status = ProductStatus.REJECTED
    elif product.status == ProductStatus.SUBMITTED:
        product.status = ProductStatus.REJECTED
    else:
        raise ExhibitorError(
            _("Only a product submitted for review can be rejected (this one is “%(status)s”).")
            % {"status": ProductStatus(product.status).label},
            code="invalid_transition",
        )
    product.review_reason = reason.strip()
    product.save(update_fields=["status", "pending_status", "review_reason", "updated_at", "search_text"])
    log(
        instance=product,
        action="exhibitors.product_rejected",
        user=user,
        data={"reason": product.review_reason},
    )
    _notify_product(product, "product_rejected")
    return product


@transaction.atomic
def unpublish_product(product, *, user, reason):
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status != ProductStatus.PUBLISHED:
        raise ExhibitorError(_("This product is not published."), code="invalid_transition")
    product.status = ProductStatus.REJECTED
    product.review_reason = reason or ""
    product.save(update_fields=["status", "review_reason", "updated_at", "search_text"])
    log(instance=product, action="exhibitors.product_unpublished", user=user, data={"reason": reason})
    return product


def _notify_product(product, template):
    exhibitor = product.exhibitor
    recipients = {exhibitor.contact_email, *exhibitor.members.values_list("email", flat=True)}
    for email in sorted(e for e in recipients if e):
        _send(
            template,
            email,
            {
                "product": product,
                "portal_url": site_url(reverse("exhibitors:portal_home")),
                "public_url": site_url(product.get_absolute_url()),
            },
        )


@transaction.atomic
def set_verified_badge(product, *, user, verified):
    product = Product.objects.select_for_update().get(pk=product.pk)
    product.is_verified_make_in_danang = bool(verified)
    product.save(update_fields=["is_verified_make_in_danang", "updated_at", "search_text"])
    log(
        instance=product,
        action="exhibitors.badge_granted" if verified else "exhibitors.badge_removed",
        user=user,
    )
    return product


@transaction.atomic
def add_product_image(product, *, user, upload, alt_vi, alt_en=""):
    """Store an uploaded picture (already checked by content) as a Wagtail image in the gallery."""
    from wagtail.images import get_image_model

    from exhibitors.validators import check_image_upload

    check_image_upload(upload)
    Image = get_image_model()
    image = Image(title=(alt_vi or product.name_vi)[:255], file=upload)
    image.save()
    order = (product.images.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    item = ProductImage.objects.create(
        product=product, image=image, alt_vi=alt_vi, alt_en=alt_en, sort_order=order
    )
    log(instance=product, action="exhibitors.product_image_added", user=user, data={"image": image.pk})
    return item


@transaction.atomic
def remove_product_image(item, *, user):
    product = item.product
    image = item.image
    item.delete()
    image.delete()
    log(instance=product, action="exhibitors.product_image_removed", user=user)


def store_logo(upload, title):
    from wagtail.images import get_image_model

    from exhibitors.validators import check_image_upload

    check_image_upload(upload)
    image = get_image_model()(title=title[:255], file=upload)
    image.save()
    return image


# --- leads -------------------------------------------------------------------------------------


@transaction.atomic
def record_lead(exhibitor, *, secret, user):
    """Save the visitor behind a scanned ticket QR; name and contact only if they opted in.

    Returns (lead, created). Scanning the same ticket twice returns the first lead.
    """
    from exhibitors.models import Lead
    from registration.models import Ticket

    secret = (secret or "").strip()
    ticket = Ticket.objects.filter(secret=secret).first() if secret else None
    if ticket is None or ticket.status != "valid":
        raise ExhibitorError(_("This is not a valid ticket of the event."), code="invalid")
    # Only visitors of an event where this company exhibits: a booth cannot harvest other events' tickets.
    events = exhibitor.applications.filter(status__in=HOLDING_STATUSES).values("event_id")
    if not type(ticket).objects.filter(pk=ticket.pk, ticket_type__event_id__in=events).exists():
        raise ExhibitorError(_("This ticket is for an event where you do not exhibit."), code="wrong_event")
    existing = Lead.objects.filter(exhibitor=exhibitor, ticket=ticket).first()
    if existing is not None:
        return existing, False
    shared = bool(ticket.share_with_exhibitors)
    lead = Lead(exhibitor=exhibitor, ticket=ticket, shared=shared, scanned_by=user)
    if shared:
        lead.name = ticket.attendee_name
        lead.organisation = ticket.organisation
        lead.job_title = ticket.job_title
        lead.email = ticket.email
    try:
        with transaction.atomic():
            lead.save()
    except IntegrityError:
        return Lead.objects.get(exhibitor=exhibitor, ticket=ticket), False
    log(
        instance=lead,
        action="exhibitors.lead_scanned",
        user=user,
        data={"exhibitor": exhibitor.pk, "shared": shared},
    )
    return lead, True


@transaction.atomic
def update_lead(lead, *, user, note, rating):
    if rating is not None and not 1 <= int(rating) <= 5:
        raise ExhibitorError(_("A rating is 1 to 5 stars."), code="invalid_rating")
    lead.note = note or ""
    lead.rating = rating
    lead.save(update_fields=["note", "rating"])
    log(instance=lead, action="exhibitors.lead_updated", user=user)
    return lead
