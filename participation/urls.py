"""Public pages of participation under /vi/ and /en/."""

from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("ratings/articles/<id:pk>/", views.rate_article, name="rate_article"),
    path("qa/<id:pk>/", views.qa, name="qa"),
    path("qa/<id:pk>/questions/<id:question>/vote/", views.qa_vote, name="qa_vote"),
    path("qa/<id:pk>/screen/", views.qa_screen, name="qa_screen"),
    path("qa/<id:pk>/moderate/<str:key>/", views.qa_moderate, name="qa_moderate"),
    path("feedback/<str:token>/", views.session_feedback, name="session_feedback"),
]
