from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors and Make in DaNang")

    def ready(self):
        # Imported here: these modules need the app registry, which is ready only now.
        from core import page_cache
        from exhibitors import personal_data
        from exhibitors.services import handle_booth_webhook
        from registration.services import register_webhook_handler

        # Booth fees are paid through the registration app's Stripe webhook (metadata kind="booth").
        register_webhook_handler("booth", handle_booth_webhook)
        personal_data.register()
        page_cache.watch(
            "exhibitors.Exhibitor",
            "exhibitors.Product",
            "exhibitors.ProductImage",
            "exhibitors.Booth",
            "exhibitors.BoothPackage",
            m2m=("exhibitors.Product_sessions",),
        )
