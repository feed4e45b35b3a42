"""Payment provider callbacks, outside the language prefix (Stripe posts to a fixed URL)."""

urlpatterns: list = []
