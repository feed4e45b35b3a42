"""Public pages of the people's choice under /vi/ and /en/."""

from django.urls import path

from peoples_choice import views

app_name = "peoples_choice"

urlpatterns = [
    path("registration/<str:token>/ticket/<int:ticket_id>/vote/", views.vote, name="vote"),
    path("peoples-choice/<id:event_id>/", views.results, name="results"),
]
