"""This app's endpoints under /api/v1/."""

from django.urls import path

from consultations import api

urlpatterns = [
    path("consultations/", api.ConsultationListView.as_view(), name="consultations"),
]
