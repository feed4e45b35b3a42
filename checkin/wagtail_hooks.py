"""Check-in in the Wagtail admin: live dashboard, lists, devices (token shown once, revoke) and the audit trail."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from checkin import admin_views
from checkin.badge_admin import BadgesGroup
from checkin.models import CheckIn, CheckInList, Device
from checkin.services import create_device, revoke_device
from core.exports import log_export

# --- Dashboard ------------------------------------------------------------------------------


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view_dashboard(request.user)


class DashboardViewSet(ViewSet):
    name = "checkin_dashboard"
    url_prefix = "checkin/dashboard"
    icon = "view"
    menu_label = _("Live dashboard")
    menu_order = 0
    menu_item_class = DashboardMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.dashboard_index, name="index"),
            path("<int:event_id>/", admin_views.dashboard, name="event"),
            path("<int:event_id>/data.json", admin_views.dashboard_data, name="data"),
            path("<int:event_id>/checkins.csv", admin_views.dashboard_csv, name="csv"),
        ]


# --- Lists ----------------------------------------------------------------------------------


class CheckInListViewSet(ModelViewSet):
    model = CheckInList
    name = "checkin_lists"
    url_prefix = "checkin/lists"
    icon = "list-ul"
    menu_label = _("Check-in lists")
    list_display = ["name", "event", "session", "valid_from", "valid_until", BooleanColumn("is_active")]
    list_filter = ["is_active", "allow_reentry", "record_exits"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["-event__starts_at", "valid_from", "name"]
    copy_view_enabled = True


# --- Devices --------------------------------------------------------------------------------


class DeviceForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this device"),
        required=False,
        help_text=_("Its token stops working at once (401). This cannot be undone."),
    )


class DeviceCreateView(generic.CreateView):
    def save_instance(self):
        device, self.token = create_device(
            name=self.form.cleaned_data["name"],
            event=self.form.cleaned_data.get("event"),
            user=self.request.user,
        )
        return device

    def get_success_message(self, instance):
        return _(
            "Device '%(name)s' created. Its token, shown only now (copy it into the scanning app): %(token)s"
        ) % {"name": instance.name, "token": self.token}


class DeviceEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("revoke"):
            instance = revoke_device(instance, user=self.request.user)
        return instance


class RevokedColumn(Column):
    def get_value(self, instance):
        return _("Revoked") if instance.revoked_at else _("Active")


class DeviceViewSet(ModelViewSet):
    model = Device
    name = "checkin_devices"
    url_prefix = "checkin/devices"
    icon = "mobile-alt"
    menu_label = _("Devices")
    form_class = DeviceForm
    add_view_class = DeviceCreateView
    edit_view_class = DeviceEditView
    copy_view_enabled = False
    list_display = [
        "name",
        "event",
        Column("token_hint", label=_("token ends with")),
        RevokedColumn("state", label=_("state")),
        DateColumn("created_at", label=_("created at")),
    ]
    list_filter = ["event"]
    search_fields = ["name"]
    search_backend_name = None
    edit_panels = [*Device.panels, FieldPanel("revoke")]

    def get_edit_view_kwargs(self, **kwargs):
        handler = ObjectList(self.edit_panels, base_form_class=DeviceForm).bind_to_model(self.model)
        return super().get_edit_view_kwargs(panel=handler, form_class=handler.get_form_class(), **kwargs)


# --- Audit trail ----------------------------------------------------------------------------


class AuditIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("ticket__order", "ticket__ticket_type", "checkin_list", "device", "user")
        )

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            # Check-ins carry attendee names: organisers' exports of personal data are logged.
            log_export(
                self.request.user,
                "checkins",
                self.request.GET.get("export"),
                self.request.GET.urlencode(),
                rows=context["object_list"].count(),
            )
        return super().render_to_response(context, **response_kwargs)


class CheckInViewSet(ModelViewSet):
    """Every scan, refused ones included; read-only (undo happens at the scanner or through the API)."""

    model = CheckIn
    name = "checkin_audit"
    url_prefix = "checkin/audit"
    # The reference index would add four queries to every scan (the hot path) for nothing useful.
    add_to_reference_index = False
    icon = "history"
    menu_label = _("Audit trail")
    index_view_class = AuditIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        DateColumn("created_at", label=_("time"), sort_key="created_at"),
        Column("attendee_name", label=_("attendee")),
        "checkin_list",
        "type",
        BooleanColumn("successful"),
        "reason",
        "gate",
        Column("by", label=_("device or staff")),
        DateColumn("annulled_at", label=_("undone at")),
    ]
    list_filter = ["checkin_list", "successful", "reason", "type", "device", "created_at"]
    search_fields = ["gate", "raw_code", "ticket__attendee_name", "ticket__order__reference"]
    search_backend_name = None
    list_export = [
        "created_at",
        "attendee_name",
        "order_reference",
        "ticket_type_name",
        "checkin_list",
        "type",
        "successful",
        "reason",
        "gate",
        "by",
        "nonce",
        "raw_code",
        "annulled_at",
    ]
    export_headings = {
        "attendee_name": _("attendee"),
        "order_reference": _("order reference"),
        "ticket_type_name": _("ticket type"),
        "by": _("device or staff"),
    }
    export_filename = "checkins"
    ordering = ["-created_at", "-id"]
    inspect_view_fields = [
        "created_at",
        "ticket",
        "checkin_list",
        "type",
        "successful",
        "reason",
        "raw_code",
        "gate",
        "device",
        "user",
        "nonce",
        "previous",
        "attention",
        "annulled_at",
    ]
    form_fields = []

    def get_urlpatterns(self):
        read_only = {"index", "index_results", "inspect", "history", "history_results", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in read_only]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, copy_url_name=None, **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(edit_url_name=None, delete_url_name=None, **kwargs)


class CheckinGroup(ModelViewSetGroup):
    items = (DashboardViewSet, CheckInListViewSet, DeviceViewSet, CheckInViewSet)
    menu_label = _("Check-in")
    menu_icon = "tick-inverse"
    menu_order = 320


@hooks.register("register_admin_viewset")
def register_checkin_admin():
    return CheckinGroup()


@hooks.register("register_log_actions")
def register_checkin_log_actions(actions):
    actions.register_action("checkin.annulled", _("Check-in undone"), _("Check-in undone"))
    actions.register_action(
        "checkin.device_created", _("Check-in device created"), _("Check-in device created")
    )
    actions.register_action(
        "checkin.device_revoked", _("Check-in device revoked"), _("Check-in device revoked")
    )
    actions.register_action("checkin.exported", _("Check-ins exported"), _("Check-ins exported"))


# --- Badges (checkin/badge_admin.py) --------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_badge_admin():
    return BadgesGroup()
