"""Registration in the Wagtail admin: audit log labels, ticket types, orders, attendees, capacity."""

import datetime as dt

import django_filters
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_search import FoldedSearchMixin
from core.exports import LoggedExportIndexView
from core.wagtail_hooks import ExportLogViewSet

from . import admin_views, bank_admin_views, privacy_admin, services  # noqa: F401  (privacy_admin registers its own hooks)
from .models import (
    BankAccount,
    BankTransfer,
    Order,
    RegistrationSettings,
    Ticket,
    TicketType,
)
from .templatetags.money import format_vnd

LOG_ACTIONS = {
    "registration.order_placed": _("Order placed"),
    "registration.email_confirmed": _("E-mail address confirmed"),
    "registration.order_confirmed": _("Order confirmed"),
    "registration.order_approved": _("Order approved"),
    "registration.order_rejected": _("Order rejected"),
    "registration.order_expired": _("Hold expired"),
    "registration.order_cancelled": _("Order cancelled"),
    "registration.seat_promoted": _("Promoted from the waiting list"),
    "registration.workshops_changed": _("Workshop choices changed"),
    "registration.email_resent": _("E-mail sent again"),
    "registration.attendee_renamed": _("Attendee renamed"),
    "registration.personal_data_erased": _("Personal data erased"),
    "registration.payment_started": _("Payment started"),
    "registration.payment_received": _("Payment received"),
    "registration.late_payment_refunded": _("Late payment refunded (sold out)"),
    "registration.duplicate_payment_refunded": _("Duplicate payment refunded"),
    "registration.order_refunded_in_stripe": _("Refunded in Stripe"),
    "registration.partial_refund_recorded": _("Partial refund recorded"),
    "registration.bank_transfer_chosen": _("Bank transfer chosen"),
    "registration.bank_transfer_partial": _("Bank transfer: partially paid"),
    "registration.bank_transfer_overpaid": _("Bank transfer: overpaid, excess to refund"),
    "registration.bank_transfer_refund_due": _("Bank transfer to refund"),
    "registration.late_transfer_refund_due": _("Late bank transfer to refund (sold out)"),
    "registration.bank_transfer_ignored": _("Bank transfer ignored"),
    "registration.bank_refund_recorded": _("Bank refund recorded"),
    "registration.statement_imported": _("Bank statement imported"),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)

    @actions.register_action("registration.bank_refund_recorded")
    class BankRefundRecorded(LogFormatter):
        """The order's history says how much went back, when and by which bank transaction."""

        label = LOG_ACTIONS["registration.bank_refund_recorded"]

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if "amount" not in data:
                return self.label
            return _("Bank refund recorded: %(amount)s on %(date)s (transaction %(transaction)s)") % {
                "amount": format_vnd(data["amount"]),
                "date": date_format(dt.date.fromisoformat(data["date"]), "SHORT_DATE_FORMAT"),
                "transaction": data.get("transaction", ""),
            }


# --- admin views ---------------------------------------------------------------------------------


class MoneyColumn(Column):
    def get_value(self, instance):
        return format_vnd(super().get_value(instance))


def filter_paid(queryset, name, value):
    """`name` is the amount field (`price`, `total`): paid means above zero; no choice, everything."""
    if value is None:
        return queryset
    return queryset.filter(**{f"{name}__gt": 0}) if value else queryset.filter(**{name: 0})


class TicketFilterSet(WagtailFilterSet):
    paid = django_filters.BooleanFilter(label=_("Paid ticket"), field_name="price", method=filter_paid)

    class Meta:
        model = Ticket
        fields = ["status", "ticket_type", "category", "order__status"]


class OrderFilterSet(WagtailFilterSet):
    paid = django_filters.BooleanFilter(label=_("Paid order"), field_name="total", method=filter_paid)

    class Meta:
        model = Order
        fields = ["status", "event", "walk_in", "language"]


class OrderIndexView(FoldedSearchMixin, LoggedExportIndexView):
    folded_search_fields = ["tickets__search_text"]


class TicketIndexView(FoldedSearchMixin, LoggedExportIndexView):
    folded_search_fields = ["search_text"]


class TicketTypeViewSet(SnippetViewSet):
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
    list_display = [
        "name_vi",
        "event",
        MoneyColumn("price", label=_("Price")),
        "capacity",
        Column("sold", label=_("Sold")),
        Column("held", label=_("Held")),
        Column("remaining", label=_("Remaining")),
        Column(
            "invitation",
            label=_("Invitation link"),
            accessor=lambda t: t.invitation_url if t.is_hidden else "",
        ),
    ]
    list_filter = ["event", "is_hidden", "requires_approval"]
    search_fields = ["name_vi", "name_en"]

    def get_queryset(self, request):
        return services.with_sold_and_held(TicketType.objects.select_related("event")).order_by(
            "event", "sort_order", "pk"
        )


class OrderViewSet(SnippetViewSet):
    model = Order
    icon = "form"
    menu_label = _("Orders")
    index_view_class = OrderIndexView
    inspect_view_enabled = True
    list_display = [
        TitleColumn(
            "reference",
            label=_("Reference"),
            get_url=lambda order: reverse("registration_admin:order", args=[order.pk]),
        ),
        "event",
        "email",
        "status",
        MoneyColumn("total", label=_("Total")),
        "created_at",
    ]
    filterset_class = OrderFilterSet
    search_fields = ["reference", "email", "tickets__attendee_name"]
    list_export = [
        "reference",
        "event",
        "email",
        "language",
        "status",
        "total",
        "refunded_amount",
        "created_at",
        "confirmed_at",
        "share_with_exhibitors",
        "walk_in",
    ]
    # Organisers may fix a typo in the contact address; every other change goes through the actions page.
    panels = [FieldPanel("email")]

    def get_queryset(self, request):
        return Order.objects.select_related("event")


class TicketViewSet(SnippetViewSet):
    model = Ticket
    icon = "user"
    menu_label = _("Attendees")
    index_view_class = TicketIndexView
    inspect_view_enabled = True
    list_display = [
        TitleColumn(
            "attendee_name",
            label=_("Attendee"),
            get_url=lambda ticket: reverse("registration_admin:order", args=[ticket.order_id]),
        ),
        "organisation",
        "category",
        "ticket_type",
        Column("order_reference", label=_("Order"), accessor="order.reference"),
        Column("order_status", label=_("Order status"), accessor="order.get_status_display"),
        "status",
    ]
    filterset_class = TicketFilterSet
    search_fields = ["attendee_name", "email", "organisation", "order__reference", "phone"]
    list_export = [
        "order_reference",
        "attendee_name",
        "email",
        "phone",
        "organisation",
        "job_title",
        "category",
        "ticket_type",
        "status",
        "order_status",
        "price",
        "share_with_exhibitors",
    ]
    export_headings = {"order_reference": _("Order"), "order_status": _("Order status")}
    panels = [FieldPanel("note_for_staff"), FieldPanel("share_with_exhibitors")]

    def get_queryset(self, request):
        return Ticket.objects.select_related("order", "ticket_type")


class RegistrationSettingsViewSet(SnippetViewSet):
    model = RegistrationSettings
    icon = "cog"
    menu_label = _("Registration rules")
    list_display = ["event", "hold_minutes", "refund_percent", "refund_until_days"]


class BankAccountViewSet(SnippetViewSet):
    model = BankAccount
    icon = "cog"
    menu_label = _("Bank accounts")
    list_display = ["bank_bin", "account_number", "account_name", "event", "hold_hours"]


class BankTransferViewSet(SnippetViewSet):
    """Every transfer received, read-only here: matching and refunds happen on the transfer's own page."""

    model = BankTransfer
    icon = "list-ul"
    menu_label = _("Bank transfers")
    index_view_class = LoggedExportIndexView
    list_display = [
        TitleColumn(
            "transaction_id",
            label=_("Bank transaction id"),
            get_url=lambda transfer: reverse("registration_admin:bank_transfer", args=[transfer.pk]),
        ),
        "transferred_at",
        MoneyColumn("amount", label=_("Amount")),
        "content",
        "status",
        "reference",
        "match_method",
    ]
    list_filter = ["status", "source", "kind", "match_method"]
    search_fields = ["transaction_id", "content", "reference"]
    list_export = [
        "transaction_id",
        "transferred_at",
        "amount",
        "content",
        "status",
        "kind",
        "reference",
        "refund_due",
        "match_method",
        "matched_at",
        "source",
    ]
    panels = []

    def get_queryset(self, request):
        return BankTransfer.objects.all()


class RegistrationGroup(SnippetViewSetGroup):
    menu_label = _("Registration")
    menu_icon = "tag"
    menu_order = 250
    items = (
        TicketTypeViewSet,
        OrderViewSet,
        TicketViewSet,
        RegistrationSettingsViewSet,
        BankAccountViewSet,
        BankTransferViewSet,
        ExportLogViewSet,
    )


register_snippet(RegistrationGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "registration/",
            (
                [
                    path("order/<int:pk>/", admin_views.order_detail, name="order"),
                    path("walk-in/", admin_views.walk_in, name="walk_in"),
                    path("capacity/", admin_views.capacity, name="capacity"),
                    path("bank/", bank_admin_views.queue, name="bank_queue"),
                    path("bank/transfer/<int:pk>/", bank_admin_views.transfer_detail, name="bank_transfer"),
                    path("bank/import/", bank_admin_views.import_statement, name="bank_import"),
                    path("bank/reconciliation/", bank_admin_views.reconciliation, name="bank_reconciliation"),
                ],
                "registration_admin",
                "registration_admin",
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_capacity_menu_item():
    return MenuItem(
        _("Capacity overview"), reverse("registration_admin:capacity"), icon_name="table", order=251
    )


@hooks.register("register_admin_menu_item")
def register_walk_in_menu_item():
    return MenuItem(
        _("Walk-in registration"), reverse("registration_admin:walk_in"), icon_name="plus", order=252
    )


class BankTransfersMenuItem(MenuItem):
    """Shown only to those the matching pages let in (they refuse everyone else)."""

    def is_shown(self, request):
        return request.user.has_perm("registration.view_banktransfer")


@hooks.register("register_admin_menu_item")
def register_bank_queue_menu_item():
    return BankTransfersMenuItem(
        _("Bank transfers: matching"),
        reverse("registration_admin:bank_queue"),
        icon_name="list-ul",
        order=253,
    )
