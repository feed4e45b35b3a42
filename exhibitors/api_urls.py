"""This app's endpoints under /api/v1/."""

from rest_framework.routers import SimpleRouter

from exhibitors.api import BoothViewSet, ExhibitorViewSet, FloorPlanViewSet, ProductViewSet

router = SimpleRouter()
router.register("exhibitors", ExhibitorViewSet, basename="exhibitor")
router.register("products", ProductViewSet, basename="product")
router.register("booths", BoothViewSet, basename="booth")
router.register("floor-plans", FloorPlanViewSet, basename="floor-plan")

urlpatterns = router.urls
