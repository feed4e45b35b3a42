"""The content app in Wagtail: support requests in the admin, the audit log's action labels, and the
support form's POST handed to its view."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from content import views
from content.models import SupportPage, SupportRequest


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


# order=1: inside Wagtail's own on_serve_page check (order 0), so a page's view restrictions still hold.
@hooks.register("on_serve_page", order=1)
def receive_support_requests(serve):
    """A POST to the support page is a support request: its view stores it (models import no services)."""

    def serve_page(page, request, serve_args, serve_kwargs):
        if request.method == "POST" and isinstance(page, SupportPage):
            return views.support_request(request, page)
        return serve(page, request, serve_args, serve_kwargs)

    return serve_page
