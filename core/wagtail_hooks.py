from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import ExportLog


@hooks.register("register_log_actions")
def register_log_actions(actions):
    label = _("Personal data exported")
    actions.register_action("core.exported", label, label)


class ExportLogViewSet(SnippetViewSet):
    """Listed in the registration menu group (registration/wagtail_hooks.py)."""

    model = ExportLog
    icon = "history"
    menu_label = _("Export log")
    list_display = ["exported_at", "user", "what", "file_format", "rows", "filters"]
    list_filter = ["what", "file_format"]
