"""Open data: the public exhibitor directory, the Make in DaNang catalogue and the venue maps, read-only."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from core.api import bad_parameter
from core.converters import parse_id
from core.links import absolute_url
from events.models import FloorPlan, MapPoint
from exhibitors import queries
from exhibitors.models import (
    HOLDING_STATUSES,
    PRODUCT_REVIEWED_FIELDS,
    Booth,
    BoothStatus,
    Exhibitor,
    ExhibitorApplication,
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
        help_text=_(
            "The price range written in the request's language, or null when the company asks to be "
            "contacted; price_min and price_max hold the amounts in VND."
        )
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "slug",
            "url",
            # The reviewed fields, and the price range for people (null: "contact us").
            *PRODUCT_REVIEWED_FIELDS,
            "price",
            "is_verified_make_in_danang",
            "exhibitor",
            "images",
            "published_at",
        ]

    def get_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())

    def get_price(self, obj) -> str | None:
        return obj.price or None


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


# --- The venue map -----------------------------------------------------------------------------


class RectangleSerializer(serializers.Serializer):
    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class BoothSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", help_text=_("The event's (Vietnamese) page id."))
    floor_plan = serializers.IntegerField(
        source="floor_plan_id", allow_null=True, help_text=_("Null while the booth is not drawn on a plan.")
    )
    rectangle = serializers.SerializerMethodField(
        help_text=_("In the floor plan's units, from its top left corner; null while not drawn.")
    )
    status = serializers.ChoiceField(choices=BoothStatus.choices, source="map_status", read_only=True)
    exhibitor = serializers.SerializerMethodField(
        help_text=_("Null for a free booth or a company not yet public.")
    )

    class Meta:
        model = Booth
        fields = ["id", "number", "hall", "event", "floor_plan", "rectangle", "status", "exhibitor"]

    @extend_schema_field(RectangleSerializer(allow_null=True))
    def get_rectangle(self, obj):
        if not obj.is_placed:
            return None
        return {"x": obj.x, "y": obj.y, "width": obj.width, "height": obj.height}

    @extend_schema_field(ExhibitorSummarySerializer(allow_null=True))
    def get_exhibitor(self, obj):
        holder = obj.holders[0].exhibitor if obj.holders else None
        if holder is None or not holder.is_public:
            return None
        return ExhibitorSummarySerializer(holder).data


class MapPointSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(
        help_text=_("The map centred on this point (the QR code's link).")
    )

    class Meta:
        model = MapPoint
        fields = ["code", "label_vi", "label_en", "x", "y", "url"]

    def get_url(self, obj) -> str:
        path = reverse("exhibitors:venue_map", kwargs={"event_id": obj.floor_plan.event_id})
        return absolute_url(f"{path}?at={obj.code}")


class FloorPlanSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", help_text=_("The event's (Vietnamese) page id."))
    image_url = serializers.SerializerMethodField(help_text=_("The drawing (SVG or image)."))
    points = MapPointSerializer(many=True, read_only=True)
    map_url = serializers.SerializerMethodField(help_text=_("The event's public venue map."))

    class Meta:
        model = FloorPlan
        fields = [
            "id",
            "event",
            "name_vi",
            "name_en",
            "hall",
            "floor",
            "image_url",
            "width",
            "height",
            "points",
            "map_url",
        ]

    def get_image_url(self, obj) -> str:
        return absolute_url(obj.image.url)

    def get_map_url(self, obj) -> str:
        return absolute_url(reverse("exhibitors:venue_map", kwargs={"event_id": obj.event_id}))


def event_filter(params):
    """`?event=` as an id, or a 400 in the error shape."""
    if "event" not in params:
        return None
    event_id = parse_id(params["event"])
    if event_id is None:
        bad_parameter("event", "use an event id")
    return event_id


@extend_schema_view(
    list=extend_schema(
        summary="Booths of events' venue maps",
        parameters=[
            OpenApiParameter("event", OpenApiTypes.INT, description="Only this event's booths."),
            OpenApiParameter(
                "floor_plan", OpenApiTypes.INT, description="Only the booths drawn on this plan."
            ),
            OpenApiParameter("hall", OpenApiTypes.STR, description="Only this hall (as written: A)."),
        ],
    ),
    retrieve=extend_schema(summary="One booth"),
)
class BoothViewSet(viewsets.ReadOnlyModelViewSet):
    """Booths of published events: number, hall, floor plan and rectangle, status, exhibitor."""

    serializer_class = BoothSerializer

    def get_queryset(self):
        params = self.request.query_params
        holders = ExhibitorApplication.objects.filter(status__in=HOLDING_STATUSES).select_related("exhibitor")
        queryset = (
            Booth.objects.filter(event__live=True)
            .with_map_status()
            .prefetch_related(Prefetch("applications", queryset=holders, to_attr="holders"))
            .order_by("event_id", "hall", "number", "id")
        )
        event_id = event_filter(params)
        if event_id is not None:
            queryset = queryset.filter(event_id=event_id)
        if "floor_plan" in params:
            plan_id = parse_id(params["floor_plan"])
            if plan_id is None:
                bad_parameter("floor_plan", "use a floor plan id")
            queryset = queryset.filter(floor_plan_id=plan_id)
        if params.get("hall"):
            queryset = queryset.filter(hall=params["hall"][:60])
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Floor plans of events' venues",
        parameters=[OpenApiParameter("event", OpenApiTypes.INT, description="Only this event's plans.")],
    ),
    retrieve=extend_schema(summary="One floor plan"),
)
class FloorPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Floor plans of published events: the drawing's URL and size, and the "you are here" points."""

    serializer_class = FloorPlanSerializer

    def get_queryset(self):
        queryset = (
            FloorPlan.objects.filter(event__live=True)
            .prefetch_related(Prefetch("points", queryset=MapPoint.objects.select_related("floor_plan")))
            .order_by("event_id", "sort_order", "id")
        )
        event_id = event_filter(self.request.query_params)
        if event_id is not None:
            queryset = queryset.filter(event_id=event_id)
        return queryset
