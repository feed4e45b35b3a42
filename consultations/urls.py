"""Public pages of consultations under /vi/ and /en/ (the consultations themselves are Wagtail pages)."""

from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("consultations/<id:pk>/comment/", views.comment, name="comment"),
    path("consultations/confirm/<str:token>/", views.confirm, name="confirm"),
]
