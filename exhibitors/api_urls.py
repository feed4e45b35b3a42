"""This app's endpoints under /api/v1/."""

from rest_framework.routers import SimpleRouter

from exhibitors.api import ExhibitorViewSet, ProductViewSet

router = SimpleRouter()
router.register("exhibitors", ExhibitorViewSet, basename="exhibitor")
router.register("products", ProductViewSet, basename="product")

urlpatterns = router.urls
