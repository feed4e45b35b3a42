"""This app's endpoints under /api/v1/."""

from django.urls import path

from participation import api

urlpatterns = [
    path("sessions/<id:pk>/questions/", api.SessionQuestionListView.as_view(), name="session-questions"),
]
