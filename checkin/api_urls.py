"""The check-in device API, mounted under /api/v1/ by config/api_urls.py."""

from django.urls import path

from checkin import api

urlpatterns = [
    path("checkin/redeem/", api.RedeemView.as_view(), name="checkin_redeem"),
    path("checkin/lists/", api.ListsView.as_view(), name="checkin_lists"),
    path("checkin/lists/<id:pk>/status/", api.StatusView.as_view(), name="checkin_list_status"),
    path("checkin/lists/<id:pk>/offline/", api.OfflineBundleView.as_view(), name="checkin_offline_bundle"),
    path("checkin/upload/", api.UploadView.as_view(), name="checkin_upload"),
    path("checkin/search/", api.SearchView.as_view(), name="checkin_search"),
    path("checkin/annul/", api.AnnulView.as_view(), name="checkin_annul"),
]
