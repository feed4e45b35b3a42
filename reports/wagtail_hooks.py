"""The report's page (named "event statistics": Wagtail has its own "Reports" menu) and menu item in the Wagtail admin, for staff with the report permission."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("statistics/", admin_views.report, name="reports_admin")]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reports.view_reports")


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Event statistics"), reverse("reports_admin"), name="event-statistics", icon_name="table", order=270
    )
