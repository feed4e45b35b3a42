"""The content app in Wagtail: support requests in the admin, the audit log's action labels, and the
support form's POST handed to its view."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from content import admin_views, views
from content.models import SupportPage, SupportRequest
from core.exports import LoggedExportIndexView


class SupportRequestIndexView(LoggedExportIndexView):
    """The list links each request to its answering page; the header adds a hotline call and the report."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assigned_to")

    def get_edit_url(self, instance):
        if self.user_has_permission("change"):
            return reverse("support_requests:respond", args=[instance.pk])

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Response times"), url=reverse("support_requests:report"), icon_name="time"),
        ]


class SupportRequestViewSet(ModelViewSet):
    model = SupportRequest
    name = "support_requests"
    icon = "help"
    menu_label = _("Support requests")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SupportRequestIndexView
    copy_view_enabled = False
    add_item_label = _("Record a hotline call")
    list_display = [
        "reference",
        "name",
        "topic",
        "status",
        "assigned_to",
        "source",
        "created_at",
        Column("first_reply_after", label=_("First reply after"), accessor="first_reply_after"),
        Column("closed_after", label=_("Closed after"), accessor="closed_after"),
    ]
    list_filter = ["status", "topic", "source", "assigned_to", "language", "created_at"]
    search_fields = ["reference", "name", "email", "phone", "message"]
    search_backend_name = None  # plain database search: support requests are not in the page index
    list_export = [
        "reference",
        "created_at",
        "source",
        "name",
        "email",
        "phone",
        "topic",
        "language",
        "status",
        "assigned_to",
        "first_reply_at",
        "closed_at",
        "message",
        "consent_at",
    ]
    export_filename = "support-requests"
    ordering = ["-created_at"]
    # Status and assignment change only through the answering page (content/admin_views.py), in order.
    form_fields = ["organiser_note"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "source",
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
        "assigned_to",
        "first_reply_at",
        "closed_at",
        "organiser_note",
    ]

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"] + [
            path("hotline/", admin_views.hotline, name="add"),
            path("<int:pk>/respond/", admin_views.respond, name="respond"),
            path("report/", admin_views.report, name="report"),
        ]


@hooks.register("register_admin_viewset")
def register_support_requests():
    return SupportRequestViewSet()


@hooks.register("register_log_actions")
def register_content_log_actions(actions):
    actions.register_action(
        "content.support_request_received", _("Support request received"), _("Support request received")
    )
    actions.register_action(
        "content.support_request_assigned", _("Support request assigned"), _("Support request assigned")
    )
    actions.register_action(
        "content.support_request_replied", _("Support request replied to"), _("Support request replied to")
    )
    actions.register_action(
        "content.support_request_closed", _("Support request closed"), _("Support request closed")
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
