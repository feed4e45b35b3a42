"""This app's endpoints under /api/v1/."""

from django.urls import path

from reports import api

urlpatterns = [
    path("stats/events/<id:pk>/", api.EventStatsView.as_view(), name="stats-event"),
    path("stats/events/<id:pk>.csv", api.EventStatsView.as_view(), {"format": "csv"}, name="stats-event-csv"),
]
