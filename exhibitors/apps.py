from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors and Make in DaNang")

    def ready(self):
        # Imported here: these modules need the app registry, which is ready only now.
        from core import page_cache
        from exhibitors import personal_data
        from exhibitors.services import BoothPayable, handle_booth_webhook
        from registration.services import register_payable, register_webhook_handler

        # Booth fees are paid through the registration app's Stripe webhook (metadata kind="booth"),
        # and by bank transfers that its matching recognises by the application's reference.
        register_webhook_handler("booth", handle_booth_webhook)
        personal_data.register()
        register_payable(BoothPayable())
        page_cache.watch(
            "exhibitors.Exhibitor",
            "exhibitors.Product",
            "exhibitors.ProductImage",
            "exhibitors.Booth",
            "exhibitors.BoothPackage",
            m2m=("exhibitors.Product_sessions",),
        )
