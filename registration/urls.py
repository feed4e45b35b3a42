"""Public registration pages under /vi/ and /en/."""

from django.urls import path

from . import payment_views, privacy_views, views

app_name = "registration"

urlpatterns = [
    path("register/<int:event_id>/", views.register, name="register"),
    path("register/<int:event_id>/details/", views.details, name="details"),
    path("registration/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/check-email/", views.check_email, name="check_email"),
    path("registration/<str:token>/data.json", privacy_views.data_json, name="personal_data"),
    path("registration/<str:token>/data/", privacy_views.data_page, name="personal_data_page"),
    path("registration/<str:token>/sharing/", privacy_views.sharing, name="sharing"),
    path("registration/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("registration/<str:token>/pay/", payment_views.pay, name="pay"),
    path("registration/<str:token>/pay/bank/", payment_views.pay_bank, name="pay_bank"),
    path("registration/<str:token>/pay/status/", payment_views.payment_status, name="payment_status"),
    path("registration/<str:token>/paid/", payment_views.payment_return, name="payment_return"),
    path(
        "registration/<str:token>/payment-cancelled/",
        payment_views.payment_cancelled,
        name="payment_cancelled",
    ),
    path("registration/<str:token>/ticket/<int:ticket_id>/", views.ticket_page, name="ticket"),
    path("registration/<str:token>/ticket/<int:ticket_id>/qr.png", views.ticket_qr, name="ticket_qr"),
    path("registration/<str:token>/ticket/<int:ticket_id>/ticket.pdf", views.ticket_pdf, name="ticket_pdf"),
]
