"""Participation in the admin: article ratings (moderating their comments), questions, Q&A links."""

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.exports import LoggedExportIndexView
from participation import admin_views, services
from participation.models import ArticleRating, Moderation, Question, SessionFeedback


class RatingModerationForm(WagtailAdminModelForm):
    class Meta:
        model = ArticleRating
        fields = ["status"]

    def clean_status(self):
        status = self.cleaned_data["status"]
        old = self.instance.status
        if status != old and status not in services.MODERATION_STEPS[old]:
            raise ValidationError(
                _("A rating cannot go from “%(old)s” to “%(new)s”.")
                % {"old": Moderation(old).label, "new": Moderation(status).label}
            )
        return status


class RatingEditView(generic.EditView):
    def save_instance(self):
        # Through the service: the moderation rule, the audit entry and the page cache in one place.
        return services.moderate_rating(
            self.object.pk, self.form.cleaned_data["status"], user=self.request.user
        )


class ArticleRatingViewSet(ModelViewSet):
    model = ArticleRating
    name = "article_ratings"
    url_prefix = "participation/ratings"
    icon = "pick"
    menu_label = _("Article ratings")
    form_fields = ["status"]
    edit_view_class = RatingEditView
    index_view_class = LoggedExportIndexView
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["article", "stars", "comment", "status", "language", "created_at"]
    list_filter = ["status", "stars", "language"]
    search_fields = ["comment"]
    search_backend_name = None
    ordering = ["status", "-created_at"]
    list_export = ["created_at", "article", "stars", "comment", "status", "language"]
    export_filename = "article-ratings"

    def get_form_class(self, for_update=False):
        return RatingModerationForm

    def get_urlpatterns(self):
        # Ratings come from readers only: no add view.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "session_questions"
    url_prefix = "participation/questions"
    icon = "help"
    menu_label = _("Questions")
    index_view_class = LoggedExportIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["text", "session", "name", "status", "votes", "is_answered", "created_at"]
    list_filter = ["status", "is_answered", "session__event"]
    search_fields = ["text", "name"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["text", "name"]
    list_export = ["created_at", "session", "text", "name", "status", "votes", "is_answered"]
    export_filename = "session-questions"

    def get_urlpatterns(self):
        # Questions are asked in the room and moderated from the host's link; editors fix typos here.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)


class SessionFeedbackViewSet(ModelViewSet):
    """Every answer, read-only: filter by event or session, export CSV/XLSX (logged)."""

    model = SessionFeedback
    name = "session_feedback"
    url_prefix = "participation/feedback"
    icon = "pick"
    menu_label = _("Session feedback")
    index_view_class = LoggedExportIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["session", "rating", "most_useful", "should_change", "language", "created_at"]
    list_filter = ["rating", "session__event", "language"]
    search_fields = ["most_useful", "should_change"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["rating"]
    list_export = ["created_at", "session", "rating", "most_useful", "should_change", "language"]
    export_filename = "session-feedback"

    def get_urlpatterns(self):
        # Feedback comes from attendees only and is not edited: the list, inspect, delete and the results.
        return [p for p in super().get_urlpatterns() if p.name not in ("add", "edit")]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, edit_url_name=None, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(edit_url_name=None, **kwargs)


class FeedbackResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_read_feedback(request.user)


class FeedbackResultsViewSet(ViewSet):
    menu_item_class = FeedbackResultsMenuItem
    name = "session_feedback_results"
    url_prefix = "participation/feedback-results"
    icon = "table"
    menu_label = _("Session feedback results")

    def get_urlpatterns(self):
        return [path("", admin_views.feedback_results, name="index")]


class QASessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_moderate(request.user)


class QASessionsViewSet(ViewSet):
    menu_item_class = QASessionsMenuItem
    name = "qa_sessions"
    url_prefix = "participation/qa"
    icon = "link"
    menu_label = _("Questions at sessions")

    def get_urlpatterns(self):
        return [path("", admin_views.qa_sessions, name="index")]


class ParticipationGroup(ModelViewSetGroup):
    items = (
        ArticleRatingViewSet,
        QuestionViewSet,
        QASessionsViewSet,
        SessionFeedbackViewSet,
        FeedbackResultsViewSet,
    )
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_participation_admin():
    return ParticipationGroup()


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    actions.register_action("participation.article_rated", _("Article rated"), _("Article rated"))
    actions.register_action("participation.rating_moderated", _("Rating moderated"), _("Rating moderated"))
    actions.register_action("participation.question_asked", _("Question asked"), _("Question asked"))
    actions.register_action(
        "participation.question_moderated", _("Question moderated"), _("Question moderated")
    )
    actions.register_action(
        "participation.session_feedback_given", _("Session feedback given"), _("Session feedback given")
    )
