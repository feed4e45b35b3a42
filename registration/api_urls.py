"""This app's endpoints under /api/v1/."""

urlpatterns: list = []
