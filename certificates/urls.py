"""Public pages of certificates under /vi/ and /en/."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify, name="verify"),
    path(
        "registration/<str:token>/ticket/<int:ticket_id>/certificates/<str:code>.pdf",
        views.download,
        name="download",
    ),
]
