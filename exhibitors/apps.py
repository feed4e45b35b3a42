from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors and Make in DaNang")

    def ready(self):
        # Booth fees are paid through the registration app's Stripe webhook (metadata kind="booth").
        from core import page_cache
        from exhibitors.services import handle_booth_webhook
        from registration import services as registration_services

        register = getattr(registration_services, "register_webhook_handler", None)
        if register is not None:
            register("booth", handle_booth_webhook)
        page_cache.watch(
            "exhibitors.Exhibitor",
            "exhibitors.Product",
            "exhibitors.ProductImage",
            "exhibitors.Booth",
            "exhibitors.BoothPackage",
            m2m=("exhibitors.Product_sessions",),
        )
