from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors and Make in DaNang")

    def ready(self):
        # Services import the models: only importable once the app registry is ready.
        from exhibitors.services import handle_booth_webhook
        from registration.services import register_webhook_handler

        # Booth fees are paid through the registration app's Stripe webhook (metadata kind="booth").
        register_webhook_handler("booth", handle_booth_webhook)
        page_cache.watch(
            "exhibitors.Exhibitor",
            "exhibitors.Product",
            "exhibitors.ProductImage",
            "exhibitors.Booth",
            "exhibitors.BoothPackage",
            m2m=("exhibitors.Product_sessions",),
        )
