"""This app's endpoints under /api/v1/."""

from django.urls import path

from events import api

urlpatterns = [
    path("events/", api.EventListView.as_view(), name="events-list"),
    path("events/<id:pk>/sessions/", api.EventSessionListView.as_view(), name="events-sessions"),
    path("speakers/", api.SpeakerListView.as_view(), name="speakers-list"),
]
