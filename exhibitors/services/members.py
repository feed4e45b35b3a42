"""Portal accounts: the people who manage an exhibitor, their invitations and the company profile."""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.log_actions import log

from exhibitors.models import Exhibitor, ExhibitorMember
from exhibitors.services.emails import invitation_url, portal_url, send_email


def ensure_member(exhibitor, email, name="", invited_by=None):
    """The login for `email` (created without a password if new) as a member of `exhibitor`.

    Returns (user, created).
    """
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
    user, _created = ensure_member(exhibitor, email, name, invited_by=invited_by)
    log(instance=exhibitor, action="exhibitors.member_invited", user=invited_by, data={"email": user.email})
    send_email(
        "member_invited",
        user.email,
        {
            "exhibitor": exhibitor,
            "invitation_url": invitation_url(user) if not user.has_usable_password() else "",
            "portal_url": portal_url(),
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
            # Products' search text includes the company name.
            for product in exhibitor.products.all():
                product.save(update_fields=["search_text"])
        log(instance=exhibitor, action="exhibitors.profile_updated", user=user, data={"fields": changed})
    return exhibitor
