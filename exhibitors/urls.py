"""Public pages of the showcase and the exhibitor portal, under /vi/ and /en/."""

from django.contrib.auth import views as auth_views
from django.urls import path

from exhibitors import portal, views

app_name = "exhibitors"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/make-in-danang.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue/<slug:slug>/", views.product_detail, name="product_detail"),
    path("exhibitors/", views.exhibitor_directory, name="directory"),
    path("exhibitors/apply/", views.apply, name="apply"),
    path("exhibitors/apply/thanks/", views.apply_done, name="apply_done"),
    path("exhibitors/<slug:slug>/", views.exhibitor_detail, name="exhibitor_detail"),
    # The exhibitor portal.
    path("exhibitor-portal/", portal.portal_home, name="portal_home"),
    path(
        "exhibitor-portal/login/",
        auth_views.LoginView.as_view(
            template_name="exhibitors/portal/login.html",
            redirect_authenticated_user=True,
            next_page="exhibitors:portal_home",
        ),
        name="portal_login",
    ),
    path(
        "exhibitor-portal/logout/",
        auth_views.LogoutView.as_view(next_page="exhibitors:portal_login"),
        name="portal_logout",
    ),
    path("exhibitor-portal/invitation/<uidb64>/<token>/", portal.invitation, name="portal_invitation"),
    path("exhibitor-portal/<int:exhibitor_id>/", portal.dashboard, name="portal_dashboard"),
    path("exhibitor-portal/<int:exhibitor_id>/profile/", portal.profile, name="portal_profile"),
    path("exhibitor-portal/<int:exhibitor_id>/members/", portal.members, name="portal_members"),
    path("exhibitor-portal/<int:exhibitor_id>/products/new/", portal.product_new, name="portal_product_new"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/",
        portal.product_edit,
        name="portal_product_edit",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/submit/",
        portal.product_submit,
        name="portal_product_submit",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/images/",
        portal.product_image_add,
        name="portal_product_image_add",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/images/<int:image_id>/delete/",
        portal.product_image_delete,
        name="portal_product_image_delete",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/applications/<int:pk>/pay/", portal.pay, name="portal_pay"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/applications/<int:pk>/poster.<str:fmt>",
        portal.poster,
        name="portal_poster",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/leads/", portal.leads, name="portal_leads"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/scan/", portal.lead_scanner, name="portal_lead_scanner"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/scan.json", portal.lead_scan, name="portal_lead_scan"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/leads/scan/form/",
        portal.lead_scan_form,
        name="portal_lead_scan_form",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/leads/leads.csv", portal.leads_csv, name="portal_leads_csv"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/<int:pk>/", portal.lead_edit, name="portal_lead_edit"),
]
