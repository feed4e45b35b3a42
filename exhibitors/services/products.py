"""Products: an exhibitor creates and edits them, submits them for review; an organiser approves
(publishes), rejects, unpublishes and grants the Make in DaNang badge. Edits to a published product
wait in `pending` until reviewed, so the public page never shows unreviewed text.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.links import absolute_url
from exhibitors.errors import ExhibitorError
from exhibitors.models import PRODUCT_REVIEWED_FIELDS, Product, ProductStatus
from exhibitors.services.emails import portal_url, send_email
from exhibitors.services.slugs import unique_slug

PRODUCT_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.SUBMITTED},
    ProductStatus.SUBMITTED: {ProductStatus.PUBLISHED, ProductStatus.REJECTED},
    ProductStatus.REJECTED: {ProductStatus.SUBMITTED},
    ProductStatus.PUBLISHED: set(),
}


def _locked_product(product, with_exhibitor=False):
    queryset = Product.objects.select_for_update()
    if with_exhibitor:
        # The review e-mails go to the company: read it in the same query (its row is locked too).
        queryset = queryset.select_related("exhibitor")
    return queryset.get(pk=product.pk)


def _not_under_review(product, message):
    return ExhibitorError(
        message % {"status": ProductStatus(product.status).label}, code="invalid_transition"
    )


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
    product = _locked_product(product)
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
    product = _locked_product(product)
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
    product = _locked_product(product, with_exhibitor=True)
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
        raise _not_under_review(
            product, _("Only a product submitted for review can be approved (this one is “%(status)s”).")
        )
    product.review_reason = ""
    product.save()
    log(instance=product, action="exhibitors.product_approved", user=user)
    _notify_exhibitor(product, "product_approved")
    return product


@transaction.atomic
def reject_product(product, *, user, reason):
    if not (reason or "").strip():
        raise ExhibitorError(_("Give the exhibitor a reason for the rejection."), code="reason_required")
    product = _locked_product(product, with_exhibitor=True)
    if product.status == ProductStatus.PUBLISHED and product.pending_status == ProductStatus.SUBMITTED:
        product.pending_status = ProductStatus.REJECTED
    elif product.status == ProductStatus.SUBMITTED:
        product.status = ProductStatus.REJECTED
    else:
        raise _not_under_review(
            product, _("Only a product submitted for review can be rejected (this one is “%(status)s”).")
        )
    product.review_reason = reason.strip()
    product.save(update_fields=["status", "pending_status", "review_reason", "updated_at", "search_text"])
    log(
        instance=product,
        action="exhibitors.product_rejected",
        user=user,
        data={"reason": product.review_reason},
    )
    _notify_exhibitor(product, "product_rejected")
    return product


@transaction.atomic
def unpublish_product(product, *, user, reason):
    product = _locked_product(product)
    if product.status != ProductStatus.PUBLISHED:
        raise ExhibitorError(_("This product is not published."), code="invalid_transition")
    product.status = ProductStatus.REJECTED
    product.review_reason = reason or ""
    product.save(update_fields=["status", "review_reason", "updated_at", "search_text"])
    log(instance=product, action="exhibitors.product_unpublished", user=user, data={"reason": reason})
    return product


@transaction.atomic
def set_verified_badge(product, *, user, verified):
    product = _locked_product(product)
    product.is_verified_make_in_danang = bool(verified)
    product.save(update_fields=["is_verified_make_in_danang", "updated_at", "search_text"])
    log(
        instance=product,
        action="exhibitors.badge_granted" if verified else "exhibitors.badge_removed",
        user=user,
    )
    return product


def _notify_exhibitor(product, template):
    """The review's outcome to the company's contact and every portal user."""
    exhibitor = product.exhibitor
    recipients = {exhibitor.contact_email, *exhibitor.members.values_list("email", flat=True)}
    for email in sorted(e for e in recipients if e):
        send_email(
            template,
            email,
            {
                "product": product,
                "portal_url": portal_url(),
                "public_url": absolute_url(product.get_absolute_url()),
            },
        )
