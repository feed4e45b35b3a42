"""Consultations in the admin: moderating comments, and exporting them for the drafting committee."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from consultations import services
from consultations.models import ConsultationComment
from core.exports import LoggedExportIndexView, spreadsheet_safe


class CommentModerationForm(WagtailAdminModelForm):
    class Meta:
        model = ConsultationComment
        fields = ["status"]

    def clean_status(self):
        status = self.cleaned_data["status"]
        old = self.instance.status
        if status != old and status not in services.MODERATION_STEPS[old]:
            raise ValidationError(services.step_refused(old, status))
        return status


class CommentEditView(generic.EditView):
    def save_instance(self):
        # Through the service: the moderation rule, the audit entry and the page cache in one place.
        return services.moderate_comment(
            self.object.pk, self.form.cleaned_data["status"], user=self.request.user
        )


class CommentExportIndexView(LoggedExportIndexView):
    # What people wrote is text in the CSV, never a formula (the XLSX writer already sees to it).
    custom_field_preprocess = {
        field: {"csv": spreadsheet_safe}
        for field in ("section_title", "name", "organisation", "email", "text")
    }


class ConsultationCommentViewSet(ModelViewSet):
    """Every comment: moderate (publish or reject), filter by consultation, export CSV/XLSX (logged)."""

    model = ConsultationComment
    name = "consultation_comments"
    url_prefix = "consultations/comments"
    icon = "comment"
    menu_label = _("Comments on drafts")
    form_fields = ["status"]
    edit_view_class = CommentEditView
    index_view_class = CommentExportIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["text", "section_title", "consultation", "name", "organisation", "status", "created_at"]
    list_filter = ["status", "consultation"]
    search_fields = ["text", "name", "organisation"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = [
        "created_at",
        "consultation",
        "section_title",
        "name",
        "organisation",
        "email",
        "text",
        "status",
        "language",
    ]
    export_filename = "consultation-comments"

    def get_form_class(self, for_update=False):
        return CommentModerationForm

    def get_urlpatterns(self):
        # Comments come from the public form only: no add view.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)


class ConsultationsGroup(ModelViewSetGroup):
    items = (ConsultationCommentViewSet,)
    menu_label = _("Consultations")
    menu_icon = "doc-full"
    menu_order = 270


@hooks.register("register_admin_viewset")
def register_consultations_admin():
    return ConsultationsGroup()


@hooks.register("register_log_actions")
def register_consultations_log_actions(actions):
    actions.register_action("consultations.comment_sent", _("Comment sent"), _("Comment sent"))
    actions.register_action("consultations.comment_confirmed", _("Comment confirmed"), _("Comment confirmed"))
    actions.register_action("consultations.comment_moderated", _("Comment moderated"), _("Comment moderated"))
