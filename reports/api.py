"""Open data: an event's counts for anyone, as JSON or CSV, with small counts withheld."""

import csv
import io

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import bad_parameter
from core.exports import spreadsheet_safe
from core.links import absolute_url
from events.models import EventPage
from reports import services

# Anyone may keep a copy for this long: the counts move with registrations and check-ins, not faster.
MAX_AGE_SECONDS = 300


class CSVRenderer(BaseRenderer):
    """`?format=csv` or `.csv`: one line per count (table, key, label, count), a withheld count empty."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for line in data["lines"]:
            # Session titles are written by people: never read as a formula by a spreadsheet.
            writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in line])
        return buffer.getvalue().encode("utf-8")


class RowSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="For machines: a date (YYYY-MM-DD), a category or sector code, a session id."
    )
    label = serializers.CharField(help_text="For people, in the requested language.")
    count = serializers.IntegerField(allow_null=True, help_text="null: a count from 1 to 4, withheld.")


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class StatsEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    url = serializers.URLField()


class EventStatsSerializer(serializers.Serializer):
    event = StatsEventSerializer()
    generated_at = serializers.DateTimeField()
    licence = LicenceSerializer()
    suppressed = serializers.CharField(help_text="The rule for withheld counts.")
    totals = RowSerializer(
        many=True,
        help_text="registrations, attendees, no_shows (once the event has started), exhibitors, products, make_in_danang_products.",
    )
    registrations_by_day = RowSerializer(many=True)
    attendance_by_day = RowSerializer(many=True)
    attendance_by_session = RowSerializer(many=True)
    attendee_categories = RowSerializer(many=True)
    exhibitors_by_sector = RowSerializer(many=True)
    products_by_sector = RowSerializer(many=True)


@extend_schema(
    tags=["open data"],
    summary="An event's statistics (open data)",
    description=(
        "Counts for one published event: registrations (confirmed tickets) in total and by day of "
        "registration, attendance (admitted check-ins) by day and by session, no-shows, attendee "
        "categories, exhibitors and products by sector, Make in DaNang products launched. "
        "**Every count from 1 to 4 is withheld (`null`) so that no person can be singled out**; 0 and "
        "counts of 5 or more are shown. Published under the licence named in `licence` (CC BY 4.0). "
        "The same as CSV with `?format=csv` or the `.csv` URL: columns table, key, label, count "
        "(a withheld count is an empty cell). Labels are in the language of the event page asked for."
    ),
    parameters=[
        OpenApiParameter("format", str, enum=["json", "csv"], description="`csv` for the CSV file."),
    ],
    responses={200: EventStatsSerializer},
)
class EventStatsView(APIView):
    renderer_classes = [JSONRenderer, CSVRenderer]

    def get(self, request, pk, format=None):
        page = get_object_or_404(EventPage.objects.live().select_related("locale"), pk=pk)
        with translation.override(page.locale.language_code):  # labels in the page's language
            tables = services.suppressed(services.event_tables(page.source_event))
        if request.accepted_renderer.format == "csv":
            data = {"lines": list(services.table_lines(tables))}
        else:
            data = {
                "event": {
                    "id": page.pk,
                    "title": page.title,
                    "starts_at": page.starts_at,
                    "ends_at": page.ends_at,
                    "url": absolute_url(page.url),
                },
                "generated_at": timezone.now(),
                "licence": services.LICENCE,
                "suppressed": services.SUPPRESSION_NOTE,
                **{
                    table.name: [
                        {"key": row.key, "label": row.label, "count": row.count} for row in table.rows
                    ]
                    for table in tables
                },
            }
        response = Response(data)
        response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
        return response

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:  # DRF's answer to an unknown ?format=
            bad_parameter("format", "use json or csv")

    def handle_exception(self, exc):
        # Errors answer in the API's JSON error shape, whichever format was asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
