"""The content app in the Wagtail admin: support requests, and the audit log's action labels."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from content.models import SupportRequest


class SupportRequestViewSet(ModelViewSet):
    model = SupportRequest
    name = "support_requests"
    icon = "help"
    menu_label = _("Support requests")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "contact", "topic", "status", "language", "created_at"]
    list_filter = ["status", "topic", "language", "created_at"]
    search_fields = ["name", "email", "phone", "message"]
    search_backend_name = None  # plain database search: support requests are not in the page index
    list_export = [
        "created_at",
        "name",
        "email",
        "phone",
        "topic",
        "language",
        "status",
        "message",
        "consent_at",
    ]
    export_filename = "support-requests"
    ordering = ["-created_at"]
    form_fields = ["status", "organiser_note"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "name",
        "email",
        "phone",
        "topic",
        "message",
        "language",
        "consent_at",
        "consent_text",
        "status",
        "organiser_note",
    ]


@hooks.register("register_admin_viewset")
def register_support_requests():
    return SupportRequestViewSet()


@hooks.register("register_log_actions")
def register_content_log_actions(actions):
    actions.register_action(
        "content.support_request_received", _("Support request received"), _("Support request received")
    )
