"""What every registration process shares: the refusal with a machine code, the event's rules,
the audit entry and the order's row lock."""

from wagtail.log_actions import log

from ..models import Order, RegistrationSettings


class RegistrationError(Exception):
    """A refusal the attendee or organiser can act on; `code` is stable, the message is translated."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


def rules_for(event) -> RegistrationSettings:
    """The event's registration rules (defaults when the organiser set none)."""
    event = getattr(event, "source_event", event)
    found = RegistrationSettings.objects.filter(event=event).first()
    return found or RegistrationSettings(event=event)


def audit(instance, action, user=None, **data):
    log(instance=instance, action=action, user=user, data=data or None)


def lock_order(order_or_pk) -> Order:
    """The order, re-read under a row lock (call inside a transaction)."""
    pk = order_or_pk.pk if isinstance(order_or_pk, Order) else order_or_pk
    return Order.objects.select_for_update().select_related("event").get(pk=pk)
