"""Open data: the public exhibitor directory and Make in DaNang catalogue, read-only."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.converters import parse_id
from core.links import absolute_url
from exhibitors import queries
from exhibitors.models import (
    PRODUCT_REVIEWED_FIELDS,
    Exhibitor,
    Maturity,
    Product,
    ProductCategory,
    ProductImage,
    Sector,
)


class ProductImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["url", "alt_vi", "alt_en", "width", "height"]

    width = serializers.IntegerField(source="image.width", read_only=True)
    height = serializers.IntegerField(source="image.height", read_only=True)

    def get_url(self, obj) -> str:
        return absolute_url(obj.image.file.url)


class ExhibitorSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Exhibitor
        fields = ["id", "name", "slug", "url"]

    def get_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())


class ExhibitorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The company's public page."))
    sector_label = serializers.CharField(source="get_sector_display", read_only=True)

    class Meta:
        model = Exhibitor
        fields = [
            "id",
            "name",
            "slug",
            "url",
            "sector",
            "sector_label",
            "address",
            "website",
            "description_vi",
            "description_en",
            "is_make_in_danang",
        ]

    def get_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())


class ProductSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The product's public page."))
    exhibitor = ExhibitorSummarySerializer(read_only=True)
    images = ProductImageSerializer(many=True, read_only=True)
    price = serializers.SerializerMethodField(
        help_text=_("Price range, or null when the company asks to be contacted.")
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "slug",
            "url",
            # The reviewed fields, with `price_range` published as `price` (null: "contact us").
            *("price" if field == "price_range" else field for field in PRODUCT_REVIEWED_FIELDS),
            "is_verified_make_in_danang",
            "exhibitor",
            "images",
            "published_at",
        ]

    def get_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())

    def get_price(self, obj) -> str | None:
        return obj.price_range or None


SEARCH = OpenApiParameter("search", OpenApiTypes.STR, description="Accent-insensitive search (vi and en).")


@extend_schema_view(
    list=extend_schema(
        summary="Exhibitors",
        parameters=[SEARCH, OpenApiParameter("sector", OpenApiTypes.STR, enum=Sector.values)],
    ),
    retrieve=extend_schema(summary="One exhibitor"),
)
class ExhibitorViewSet(viewsets.ReadOnlyModelViewSet):
    """Companies that exhibit, with a link to their public page."""

    serializer_class = ExhibitorSerializer
    lookup_field = "slug"

    def get_queryset(self):
        queryset = queries.public_exhibitors().order_by("name", "id")
        params = self.request.query_params
        if params.get("search"):
            queryset = queries.search_exhibitors(queryset, params["search"][:100])
        if params.get("sector") in Sector.values:
            queryset = queryset.filter(sector=params["sector"])
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Make in DaNang products",
        parameters=[
            SEARCH,
            OpenApiParameter("category", OpenApiTypes.STR, enum=ProductCategory.values),
            OpenApiParameter("sector", OpenApiTypes.STR, enum=Sector.values),
            OpenApiParameter("maturity", OpenApiTypes.STR, enum=Maturity.values),
            OpenApiParameter(
                "verified", OpenApiTypes.BOOL, description="Only verified Make in DaNang products."
            ),
            OpenApiParameter("award", OpenApiTypes.BOOL, description="Only products with an award."),
            OpenApiParameter("event", OpenApiTypes.INT, description="Products of an event's exhibitors."),
            OpenApiParameter("exhibitor", OpenApiTypes.STR, description="An exhibitor's slug."),
        ],
    ),
    retrieve=extend_schema(summary="One product"),
)
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Published products of the catalogue (reviewed by the organisers)."""

    serializer_class = ProductSerializer
    lookup_field = "slug"

    def get_queryset(self):
        params = self.request.query_params
        data = {
            "q": (params.get("search") or "")[:100],
            "category": params.get("category") if params.get("category") in ProductCategory.values else "",
            "sector": params.get("sector") if params.get("sector") in Sector.values else "",
            "maturity": params.get("maturity") if params.get("maturity") in Maturity.values else "",
            "verified": params.get("verified") in ("1", "true", "yes", "on"),
            "award": params.get("award") in ("1", "true", "yes", "on"),
            "event": parse_id(params.get("event")),
            "exhibitor": (params.get("exhibitor") or "")[:120],
        }
        queryset = queries.filter_catalogue(queries.published_products(), data)
        return (
            queryset.select_related("exhibitor")
            .prefetch_related("images__image")
            .order_by("-published_at", "-id")
        )
