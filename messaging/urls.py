from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("announcements/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
