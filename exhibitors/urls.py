"""Public pages of the showcase and the exhibitor portal, under /vi/ and /en/."""

from django.contrib.auth import views as auth_views
from django.urls import path

from exhibitors import views
from exhibitors.portal import access, company, leads, products

app_name = "exhibitors"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/make-in-danang.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue/<slug:slug>/", views.product_detail, name="product_detail"),
    path("exhibitors/", views.exhibitor_directory, name="directory"),
    path("venue-map/<int:event_id>/", views.map_page, name="venue_map"),
    path("exhibitors/apply/", views.apply, name="apply"),
    path("exhibitors/apply/thanks/", views.apply_done, name="apply_done"),
    path("exhibitors/<slug:slug>/", views.exhibitor_detail, name="exhibitor_detail"),
    # The exhibitor portal.
    path("exhibitor-portal/", access.portal_home, name="portal_home"),
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
    path("exhibitor-portal/invitation/<uidb64>/<token>/", access.invitation, name="portal_invitation"),
    path("exhibitor-portal/<int:exhibitor_id>/", company.dashboard, name="portal_dashboard"),
    path("exhibitor-portal/<int:exhibitor_id>/profile/", company.profile, name="portal_profile"),
    path("exhibitor-portal/<int:exhibitor_id>/members/", company.members, name="portal_members"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/new/", products.product_new, name="portal_product_new"
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/",
        products.product_edit,
        name="portal_product_edit",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/submit/",
        products.product_submit,
        name="portal_product_submit",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/images/",
        products.product_image_add,
        name="portal_product_image_add",
    ),
    path(
        "exhibitor-portal/<int:exhibitor_id>/products/<int:pk>/images/<int:image_id>/delete/",
        products.product_image_delete,
        name="portal_product_image_delete",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/applications/<int:pk>/pay/", company.pay, name="portal_pay"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/applications/<int:pk>/poster.<str:fmt>",
        company.poster,
        name="portal_poster",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/leads/", leads.leads, name="portal_leads"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/scan/", leads.lead_scanner, name="portal_lead_scanner"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/scan.json", leads.lead_scan, name="portal_lead_scan"),
    path(
        "exhibitor-portal/<int:exhibitor_id>/leads/scan/form/",
        leads.lead_scan_form,
        name="portal_lead_scan_form",
    ),
    path("exhibitor-portal/<int:exhibitor_id>/leads/leads.csv", leads.leads_csv, name="portal_leads_csv"),
    path("exhibitor-portal/<int:exhibitor_id>/leads/<int:pk>/", leads.lead_edit, name="portal_lead_edit"),
]
