"""Public pages of the programme under /vi/ and /en/ (event pages themselves are Wagtail pages)."""

from django.urls import path, re_path

from events import views

app_name = "events"

# Wagtail's page URLs end in a slash; files served "under an event page" are matched here first.
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(
        PAGE_PATH + r"(?P<export>agenda\.ics|schedule\.json|schedule\.xml)$",
        views.event_export,
        name="export",
    ),
    re_path(PAGE_PATH + r"sessions/(?P<slug>[\w\-]+)\.ics$", views.session_ics, name="session_ics"),
    path("speakers/", views.speaker_index, name="speaker_index"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("speakers/<slug:slug>.ics", views.speaker_ics, name="speaker_ics"),
    path("my-agenda/", views.my_agenda, name="my_agenda"),
    path("my-agenda/subscribe/", views.my_agenda_subscribe, name="my_agenda_subscribe"),
    path("my-agenda/k/<str:key>/", views.my_agenda_saved, name="my_agenda_saved"),
    path("my-agenda/k/<str:key>.ics", views.my_agenda_ics, name="my_agenda_ics"),
]
