"""The people's choice in the admin: a vote round per event (dates, categories, publishing) and its results."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from events.models import EventPage
from exhibitors.models import ProductCategory
from peoples_choice import admin_views
from peoples_choice.models import VoteRound


class VoteRoundForm(WagtailAdminModelForm):
    # The model keeps a JSON list; organisers tick the catalogue's categories.
    categories = forms.MultipleChoiceField(
        label=_("categories"), choices=ProductCategory.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = VoteRound
        fields = ["event", "opens_at", "closes_at", "categories", "results_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Orders and booths belong to the Vietnamese (source) event page; its translations have no tickets.
        self.fields["event"].queryset = EventPage.objects.filter(locale__language_code="vi").order_by(
            "-starts_at"
        )


class VoteRoundIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        results = reverse("peoples_choice_rounds:results", args=[instance.pk])
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(_("Results"), url=results, icon_name="table"),
        ]


class VoteRoundViewSet(ModelViewSet):
    model = VoteRound
    name = "peoples_choice_rounds"
    url_prefix = "peoples-choice"
    icon = "pick"
    menu_label = _("People's choice")
    menu_order = 265
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = VoteRoundIndexView
    list_display = ["event", "opens_at", "closes_at", "results_published"]
    list_filter = ["results_published"]
    form_fields = ["event", "opens_at", "closes_at", "categories", "results_published"]

    def get_form_class(self, for_update=False):
        return VoteRoundForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/results/", admin_views.results, name="results")]


@hooks.register("register_admin_viewset")
def register_peoples_choice_admin():
    return VoteRoundViewSet()


@hooks.register("register_log_actions")
def register_peoples_choice_log_actions(actions):
    actions.register_action(
        "peoples_choice.vote_cast", _("People's choice vote cast"), _("People's choice vote cast")
    )
