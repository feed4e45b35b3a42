"""Messaging in the Wagtail admin: the announcement pages, their menu item and audit-log labels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

LOG_ACTIONS = {"messaging.announcement_sent": _("Announcement sent")}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "messaging/announcements/",
            (
                [
                    path("", admin_views.announcement_list, name="list"),
                    path("new/", admin_views.announcement_edit, name="new"),
                    path("<int:pk>/", admin_views.announcement_detail, name="detail"),
                    path("<int:pk>/edit/", admin_views.announcement_edit, name="edit"),
                    path("<int:pk>/send/", admin_views.announcement_send, name="send"),
                    path("<int:pk>/progress/", admin_views.announcement_progress, name="progress"),
                ],
                "messaging_admin",
                "messaging_admin",
            ),
        )
    ]


class AnnouncementsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("messaging.view_announcement")


@hooks.register("register_admin_menu_item")
def register_announcements_menu_item():
    return AnnouncementsMenuItem(
        _("Announcements"), reverse("messaging_admin:list"), icon_name="mail", order=260
    )
