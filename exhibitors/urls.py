"""Public pages of this app under /vi/ and /en/."""

urlpatterns: list = []
