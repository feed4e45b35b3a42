"""The Showcase menu in the Wagtail admin: applications, booths, exhibitors, products and reviews."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_search import FoldedSearchMixin
from core.exports import LoggedExportIndexView
from exhibitors import admin_views, map_admin
from exhibitors.models import Booth, BoothPackage, Exhibitor, ExhibitorApplication, Product

LOG_ACTIONS = {
    "exhibitors.application_submitted": _("Booth application submitted"),
    "exhibitors.application_approved": _("Booth application approved"),
    "exhibitors.application_rejected": _("Booth application rejected"),
    "exhibitors.application_paid": _("Booth fee paid"),
    "exhibitors.application_confirmed": _("Booth confirmed"),
    "exhibitors.application_cancelled": _("Booth application cancelled"),
    "exhibitors.booth_assigned": _("Booth assigned"),
    "exhibitors.payment_started": _("Booth payment started"),
    "exhibitors.transfer_partial": _("Booth fee: bank transfer partially paid"),
    "exhibitors.transfer_refund_due": _("Booth fee: bank transfer to refund"),
    "exhibitors.member_invited": _("Portal user invited"),
    "exhibitors.profile_updated": _("Exhibitor profile updated"),
    "exhibitors.product_created": _("Product created"),
    "exhibitors.product_updated": _("Product edited"),
    "exhibitors.product_submitted": _("Product submitted for review"),
    "exhibitors.product_approved": _("Product approved"),
    "exhibitors.product_rejected": _("Product rejected"),
    "exhibitors.product_unpublished": _("Product unpublished"),
    "exhibitors.product_image_added": _("Product image added"),
    "exhibitors.product_image_removed": _("Product image removed"),
    "exhibitors.badge_granted": _("Make in DaNang badge granted"),
    "exhibitors.badge_removed": _("Make in DaNang badge removed"),
    "exhibitors.lead_scanned": _("Lead scanned"),
    "exhibitors.lead_updated": _("Lead note saved"),
    "exhibitors.leads_exported": _("Leads exported"),
    "exhibitors.leads_erased": _("Leads erased at visitors' request"),
}


@hooks.register("register_log_actions")
def register_exhibitor_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_review_urls():
    patterns = [
        path("queue/", admin_views.review_queue, name="review_queue"),
        path("applications/<int:pk>/", admin_views.application_review, name="application_review"),
        path("products/<int:pk>/", admin_views.product_review, name="product_review"),
        path("floor-plans/", map_admin.plan_list, name="floor_plans"),
        path("floor-plans/<int:pk>/", map_admin.plan_editor, name="floor_plan"),
        path("floor-plans/points/<int:pk>/qr.svg", map_admin.point_qr, name="point_qr"),
    ]
    return [path("showcase/", include((patterns, "exhibitors_admin"), namespace="exhibitors_admin"))]


class ApplicationIndexView(FoldedSearchMixin, LoggedExportIndexView):
    folded_search_fields = ["search_text", "exhibitor__search_text"]

    def get_edit_url(self, instance):
        # The title opens the workflow page: status changes go through the services, not a free form.
        return reverse("exhibitors_admin:application_review", args=[instance.pk])


class ProductIndexView(FoldedSearchMixin, LoggedExportIndexView):
    folded_search_fields = ["search_text"]

    def get_edit_url(self, instance):
        return reverse("exhibitors_admin:product_review", args=[instance.pk])


class ExhibitorIndexView(FoldedSearchMixin, LoggedExportIndexView):
    folded_search_fields = ["search_text"]


class ApplicationViewSet(SnippetViewSet):
    model = ExhibitorApplication
    icon = "clipboard-list"
    menu_label = _("Booth applications")
    index_view_class = ApplicationIndexView
    list_display = ["reference", "exhibitor", "event", "package", "booth", "status", "created_at"]
    list_filter = ["status", "event", "package", "claims_make_in_danang"]
    search_fields = ["reference", "contact_name", "contact_email"]
    list_export = [
        "reference",
        "exhibitor",
        "event",
        "package",
        "booth",
        "status",
        "amount",
        "contact_name",
        "contact_email",
        "contact_phone",
        "created_at",
        "paid_at",
    ]
    export_filename = "booth-applications"
    ordering = ["-created_at"]
    inspect_view_enabled = True
    panels = [
        HelpPanel(
            content=_(
                "Approve, reject, confirm, cancel and assign booths from the application's review page."
            )
        ),
        FieldPanel("payment_deadline"),
        FieldPanel("planned_products"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]


class ExhibitorViewSet(SnippetViewSet):
    model = Exhibitor
    index_view_class = ExhibitorIndexView
    icon = "group"
    menu_label = _("Exhibitors")
    list_display = ["name", "tax_code", "sector", "is_make_in_danang", "is_public", "is_featured"]
    list_filter = ["sector", "is_make_in_danang", "is_public", "is_featured"]
    search_fields = ["name", "tax_code", "contact_email"]
    list_export = [
        "name",
        "tax_code",
        "sector",
        "address",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
        "is_make_in_danang",
        "is_public",
    ]
    export_filename = "exhibitors"
    inspect_view_enabled = True
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("tax_code"), FieldPanel("sector")],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("website"), FieldPanel("logo")], heading=_("Where and links")
        ),
        FieldRowPanel([FieldPanel("description_vi"), FieldPanel("description_en")]),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_make_in_danang"), FieldPanel("is_public"), FieldPanel("is_featured")],
            heading=_("Visibility"),
        ),
    ]


class BoothPackageViewSet(SnippetViewSet):
    model = BoothPackage
    icon = "form"
    menu_label = _("Booth packages")
    list_display = ["name_vi", "event", "size", "price", "count_available"]
    list_filter = ["event"]
    list_export = ["event", "name_vi", "name_en", "size", "price", "count_available"]
    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("size"), FieldPanel("price"), FieldPanel("count_available")]),
        FieldPanel("sort_order"),
    ]


class BoothViewSet(SnippetViewSet):
    model = Booth
    icon = "site"
    menu_label = _("Booths")
    list_display = [
        "number",
        "hall",
        "event",
        "size",
        "package",
        Column("map_status", label=_("Status"), accessor="get_map_status_display"),
        "floor_plan",
    ]
    list_filter = ["event", "hall", "package", "floor_plan"]
    search_fields = ["number", "hall"]
    list_export = ["event", "hall", "number", "size", "package", "floor_plan", "x", "y", "width", "height"]
    ordering = ["event", "hall", "number"]

    def get_queryset(self, request):
        return Booth.objects.with_map_status().select_related("event", "package", "floor_plan")


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    index_view_class = ProductIndexView
    list_display = [
        "name_vi",
        "exhibitor",
        "status",
        "pending_status",
        "sector",
        "is_verified_make_in_danang",
    ]
    list_filter = [
        "status",
        "pending_status",
        "sector",
        "category",
        "maturity",
        "is_verified_make_in_danang",
        "is_featured",
    ]
    search_fields = ["name_vi", "name_en"]
    list_export = [
        "name_vi",
        "name_en",
        "exhibitor",
        "category",
        "sector",
        "maturity",
        "status",
        "is_verified_make_in_danang",
        "awards",
        "price_min",
        "price_max",
        "website",
        "published_at",
    ]
    export_filename = "products"
    inspect_view_enabled = True
    panels = [
        HelpPanel(
            content=_("Approve, reject and grant the Make in DaNang badge from the product's review page.")
        ),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("description_vi"), FieldPanel("description_en")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("sector"), FieldPanel("maturity")]),
        FieldPanel("target_customers"),
        FieldRowPanel([FieldPanel("price_min"), FieldPanel("price_max")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("demo_video_url")]),
        FieldPanel("awards"),
        FieldPanel("is_featured"),
    ]


class ShowcaseGroup(SnippetViewSetGroup):
    menu_label = _("Showcase")
    menu_icon = "pick"
    menu_order = 230
    items = (ApplicationViewSet, ProductViewSet, ExhibitorViewSet, BoothPackageViewSet, BoothViewSet)


register_snippet(ShowcaseGroup)


@hooks.register("register_admin_menu_item")
def register_venue_map_menu_item():
    return MenuItem(_("Venue map"), reverse("exhibitors_admin:floor_plans"), icon_name="site", order=232)


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return MenuItem(
        _("Showcase review queue"),
        reverse("exhibitors_admin:review_queue"),
        icon_name="tasks",
        order=231,
    )
