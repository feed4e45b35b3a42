"""The device API: scanning apps and turnstiles redeem tickets with `Authorization: Token …`.

Answers follow pretix's conventions, which scanner integrators already know: 201 with
`status: ok` for an admission, 400 with `status: error` and a `reason` word for a refused scan.
Requests that cannot be evaluated (bad JSON, missing fields, unknown list) get a 400/404 JSON body
with `reason` and `detail`.
"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.authentication import get_authorization_header
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from checkin.access import lists_for_device
from checkin.authentication import DeviceTokenAuthentication, IsCheckinDevice, check_device, token_hash
from checkin.models import CheckInType, Reason
from checkin.presenters import checkin_data, list_data, message, result_data, ticket_data
from checkin.services import (
    MAX_BATCH,
    MAX_GATE_LENGTH,
    MAX_NONCE_LENGTH,
    CheckinError,
    annul_checkin,
    offline_bundle,
    parse_cursor,
    redeem_ticket,
    scanner_for_token,
    search_tickets,
    upload_scans,
)
from checkin.stats import list_status
from core.api import StandardPagination
from core.converters import MAX_ID, parse_id
from core.responses import json_error


def json_answer(data, status):
    """A scan's answer as DRF's renderer would write it (compact, UTF-8), without its machinery."""
    return JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )


def unknown_list():
    return json_error("not_found", _("No such check-in list for this device."), status=404)


class RedeemRequest(serializers.Serializer):
    # Not trimmed and no length limit here: a padded or over-long code is a scan answered `invalid`.
    secret = serializers.CharField(trim_whitespace=False, allow_blank=True)
    list = serializers.IntegerField(min_value=1)
    nonce = serializers.CharField(required=False, allow_blank=True, max_length=MAX_NONCE_LENGTH)
    type = serializers.ChoiceField(choices=CheckInType.values, default=CheckInType.ENTRY)
    gate = serializers.CharField(required=False, allow_blank=True, max_length=MAX_GATE_LENGTH)


class AnnulRequest(serializers.Serializer):
    nonce = serializers.CharField(max_length=MAX_NONCE_LENGTH)
    list = serializers.IntegerField(min_value=1, required=False)


class ErrorResponse(serializers.Serializer):
    status = serializers.CharField()
    reason = serializers.CharField()
    detail = serializers.CharField()


class TicketResponse(serializers.Serializer):
    id = serializers.IntegerField()
    attendee_name = serializers.CharField()
    organisation = serializers.CharField()
    job_title = serializers.CharField()
    ticket_type = serializers.CharField()
    ticket_type_id = serializers.IntegerField()
    category = serializers.CharField()
    category_label = serializers.CharField()
    order_reference = serializers.CharField()
    note_for_staff = serializers.CharField()


class SearchTicketResponse(TicketResponse):
    secret = serializers.CharField()
    checked_in = serializers.BooleanField()


class CheckinResponse(serializers.Serializer):
    id = serializers.IntegerField()
    list = serializers.IntegerField()
    type = serializers.ChoiceField(choices=CheckInType.values)
    successful = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    local_time = serializers.CharField()
    gate = serializers.CharField()
    by = serializers.CharField()
    nonce = serializers.CharField()
    annulled = serializers.BooleanField()


class RedeemResponse(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "error"])
    reason = serializers.ChoiceField(choices=Reason.values, allow_null=True)
    message = serializers.CharField(
        help_text="What to tell the person at the gate, in the request's language."
    )
    attention = serializers.BooleanField(help_text="Admitted, but look twice (press, guest, a note).")
    attention_reasons = serializers.ListField(child=serializers.CharField())
    ticket = TicketResponse(allow_null=True)
    checkin = CheckinResponse()
    previous = CheckinResponse(allow_null=True, help_text="The first check-in, when already redeemed.")


class SessionRef(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()


class EventRef(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ListResponse(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    event = EventRef()
    session = SessionRef(allow_null=True)
    ticket_types = serializers.ListField(child=serializers.IntegerField(), help_text="Empty: every type.")
    valid_from = serializers.DateTimeField(allow_null=True)
    valid_until = serializers.DateTimeField(allow_null=True)
    allow_reentry = serializers.BooleanField()
    record_exits = serializers.BooleanField()
    admit_pending_approval = serializers.BooleanField()
    admit_unpaid = serializers.BooleanField()


class TypeStatus(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    registered = serializers.IntegerField()
    checked_in = serializers.IntegerField()


class StatusResponse(serializers.Serializer):
    list = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    registered = serializers.IntegerField()
    inside = serializers.IntegerField(allow_null=True, help_text="Only when the list records exits.")
    last_checkin_at = serializers.DateTimeField(allow_null=True)
    refused = serializers.IntegerField()
    by_ticket_type = TypeStatus(many=True)


def paginated(name, serializer):
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


class DeviceAPIView(APIView):
    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsCheckinDevice]

    @property
    def device(self):
        return self.request.auth

    def get_list(self, list_id):
        """The list if this device may use it; None for unknown, inactive or another event's list."""
        list_id = parse_id(list_id)
        if list_id is None:
            return None
        rows = list(lists_for_device(self.device).filter(pk=list_id).order_by()[:1])
        return rows[0] if rows else None

    def unknown_list(self):
        return unknown_list()


# A scan's fields validated with DRF's rules and messages by one serializer built once: building one
# per request deep-copies its fields, which was most of the validation's cost. It keeps no state
# between calls (run_validation returns the values or raises).
REDEEM_FIELDS = RedeemRequest()


@extend_schema(
    tags=["check-in"],
    summary="Redeem a ticket (scan)",
    request=RedeemRequest,
    responses={
        201: OpenApiResponse(RedeemResponse, description="Admitted (`status: ok`)."),
        400: OpenApiResponse(
            PolymorphicProxySerializer(
                component_name="RedeemRefusedOrBadRequest",
                serializers=[RedeemResponse, ErrorResponse],
                resource_type_field_name=None,
            ),
            description="A refused scan (`RedeemResponse` with `status: error` and a `reason`), or a malformed "
            "request (`ErrorResponse` with `reason: bad_request`, `exits_not_recorded`, or `nonce_reused`: "
            "a nonce already used on this list with another code or type, refused and recorded).",
        ),
        401: OpenApiResponse(ErrorResponse, description="Missing, wrong or revoked token."),
        404: OpenApiResponse(ErrorResponse, description="Unknown check-in list."),
        429: OpenApiResponse(ErrorResponse, description="More scans a second than a device can make."),
    },
)
class RedeemView(DeviceAPIView):
    """Check a scanned code in. Retrying with the same `nonce`, code and type returns the first answer and
    records nothing; the same nonce with another code or type is refused (400 `nonce_reused`)."""

    parser_classes = [JSONParser]  # what the schema documents: the body is JSON, and only JSON

    def dispatch(self, request, *args, **kwargs):
        """The hot path, answered without DRF's request wrapper, negotiation and rendering.

        Every lane at the Day's opening scans through here, and that machinery cost more CPU than the
        scan's own work (see checkin/README.md). The answers are the ones the schema documents: the
        same token check and 401 answers as the other endpoints (checkin/authentication.py), the
        serializer above for the fields, the answers' shapes (the fuzz test checks them). Only JSON
        bodies are read (DRF also took forms), and another method is a 405 before the token check.
        """
        if request.method != "POST":
            return json_error(
                "method_not_allowed", _("Only POST is allowed here."), status=405, headers={"Allow": "POST"}
            )
        return self.post(request)

    def post(self, request):
        try:
            data = json.loads(request.body, parse_constant=_not_json)
        except (ValueError, RecursionError):  # not JSON (NaN included), not UTF-8, or nested too deep
            data = None
        list_id = _list_id(data)
        try:
            hashed = token_hash(get_authorization_header(request))
            if hashed is None:
                raise exceptions.NotAuthenticated
            # The device, the list it names and its recent scans in one query: the round trip that
            # authenticates is also the one that rate-limits.
            scanner = scanner_for_token(hashed, list_id)
            device, checkin_list = check_device(scanner.device), scanner.checkin_list
        except exceptions.APIException as problem:
            return json_error(
                problem.default_code, problem.detail, status=401, headers={"WWW-Authenticate": "Token"}
            )
        if scanner.over_rate:
            return json_error("rate_limited", _("Too many scans from this device; slow down."), status=429)
        if not isinstance(data, dict):
            return json_error("bad_request", _("Send a JSON object."), status=400)
        try:
            fields = REDEEM_FIELDS.run_validation(data)
        except serializers.ValidationError as problem:
            return json_error(
                "bad_request", _("Some fields are missing or wrong."), status=400, errors=problem.detail
            )
        if checkin_list is None:
            return unknown_list()
        try:
            result = redeem_ticket(
                fields["secret"],
                checkin_list,
                nonce=fields.get("nonce", ""),
                scan_type=fields["type"],
                gate=fields.get("gate", ""),
                device=device,
            )
        except CheckinError as problem:
            return json_error(problem.code, problem, status=400)
        return json_answer(result_data(result), status=201 if result.ok else 400)


def _not_json(constant):
    raise ValueError(f"{constant} is not JSON")  # Python's json module reads NaN and Infinity; DRF did not


def _list_id(data):
    """The list id as the serializer will read it ("12", 12 and "12.0" alike), for the query that
    authenticates before the body is validated; None if it is not one a database can hold."""
    if not isinstance(data, dict):
        return None
    try:
        return parse_id(REDEEM_FIELDS.fields["list"].run_validation(data.get("list")))
    except serializers.ValidationError:
        return None


@extend_schema(
    tags=["check-in"],
    summary="Check-in lists this device may use",
    responses={200: paginated("PaginatedCheckInLists", ListResponse), 401: ErrorResponse},
)
class ListsView(DeviceAPIView):
    pagination_class = StandardPagination

    def get(self, request):
        lists = (
            lists_for_device(self.device)
            .select_related("event", "session")
            .prefetch_related("ticket_types")
            .order_by("event_id", "valid_from", "name", "id")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(lists, request, view=self)
        return paginator.get_paginated_response([list_data(item) for item in page])


@extend_schema(
    tags=["check-in"],
    summary="Search tickets by name, e-mail, phone or order reference",
    parameters=[
        OpenApiParameter("list", OpenApiTypes.INT, required=True, description="Check-in list id."),
        OpenApiParameter("q", OpenApiTypes.STR, required=True, description="At least 2 characters."),
    ],
    responses={
        200: paginated("PaginatedTicketSearch", SearchTicketResponse),
        400: ErrorResponse,
        401: ErrorResponse,
        404: ErrorResponse,
    },
)
class SearchView(DeviceAPIView):
    pagination_class = StandardPagination

    def get(self, request):
        if not request.query_params.get("list"):
            return json_error("bad_request", _("Give the list parameter."), status=400)
        checkin_list = self.get_list(request.query_params.get("list"))
        if checkin_list is None:
            return self.unknown_list()
        tickets = search_tickets(checkin_list, request.query_params.get("q", ""))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(tickets, request, view=self)
        return paginator.get_paginated_response(
            [{**ticket_data(ticket, with_secret=True), "checked_in": ticket.checked_in} for ticket in page]
        )


@extend_schema(
    tags=["check-in"],
    summary="Undo a check-in made by this device a few minutes ago",
    request=AnnulRequest,
    responses={
        200: inline_serializer(
            "AnnulResponse", {"status": serializers.CharField(), "checkin": CheckinResponse()}
        ),
        400: ErrorResponse,
        401: ErrorResponse,
        404: ErrorResponse,
    },
)
class AnnulView(DeviceAPIView):
    def post(self, request):
        if not isinstance(request.data, dict):
            return json_error("bad_request", _("Send a JSON object."), status=400)
        form = AnnulRequest(data=request.data)
        if not form.is_valid():
            return json_error(
                "bad_request", _("Some fields are missing or wrong."), status=400, errors=form.errors
            )
        checkin_list = None
        if form.validated_data.get("list"):
            checkin_list = self.get_list(form.validated_data["list"])
            if checkin_list is None:
                return self.unknown_list()
        try:
            row = annul_checkin(form.validated_data["nonce"], device=self.device, checkin_list=checkin_list)
        except CheckinError as problem:
            return json_error(problem.code, problem, status=404 if problem.code == "not_found" else 400)
        return Response({"status": "ok", "checkin": checkin_data(row)})


@extend_schema(
    tags=["check-in"],
    summary="How many are in: checked in, registered and inside now",
    responses={200: StatusResponse, 401: ErrorResponse, 404: ErrorResponse},
)
class StatusView(DeviceAPIView):
    def get(self, request, pk):
        checkin_list = self.get_list(pk)
        if checkin_list is None:
            return self.unknown_list()
        return Response(list_status(checkin_list))


class BundleResponse(serializers.Serializer):
    list = ListResponse()
    ticket_types = serializers.DictField(child=serializers.CharField(), help_text="Ticket type names by id.")
    generated_at = serializers.DateTimeField()
    cursor = serializers.CharField(help_text="Send it back as `since` for the changes after this bundle.")
    since = serializers.CharField(allow_null=True, help_text="The `since` this bundle answers (null: all).")
    columns = serializers.ListField(child=serializers.CharField())
    tickets = serializers.ListField(
        child=serializers.ListField(),
        help_text="One array per ticket, in `columns` order: id, hash (SHA-256 of the secret, hex), name, "
        "organisation, order_reference, ticket_type (id), category, refusal ([reason, detail, before_hours] "
        "or null: a refusal that depends on the ticket alone; `before_hours`: checked before the list's "
        "hours), attention (notes), first_entry ([time, gate, by] or null), inside, language (the "
        "order's: its badge's).",
    )
    badges = serializers.DictField(
        help_text="For printing badges offline: `event` (title), `categories` ({value: {colour, label: "
        "{language: name}}}), `other_colour`, `ticket_types` ({id: {layout: a6 or label62, name: "
        "{language: name}}}).",
    )


@extend_schema(
    tags=["check-in"],
    summary="Offline bundle: everything needed to scan this list without the network",
    parameters=[
        OpenApiParameter(
            "since",
            OpenApiTypes.STR,
            required=False,
            description="The `cursor` of an earlier bundle: "
            "only the tickets changed after it (cancellations included).",
        )
    ],
    responses={200: BundleResponse, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse},
)
class OfflineBundleView(DeviceAPIView):
    """The list's rules and its event's tickets, with hashes of their secrets (never the secrets).
    Compressed by the proxy (nginx gzips JSON), not here: the schema's clients read plain JSON."""

    def get(self, request, pk):
        checkin_list = self.get_list(pk)
        if checkin_list is None:
            return self.unknown_list()
        since = request.query_params.get("since")
        try:
            bundle = offline_bundle(checkin_list, parse_cursor(since) if since else None)
        except CheckinError as problem:
            return json_error(problem.code, problem, status=400)
        return json_answer(bundle, status=200)


EARLIEST_SCAN_YEAR = 2020  # a device's clock reset to 1970 or year 1 sends nothing a database can hold


class UploadScan(serializers.Serializer):
    secret = serializers.CharField(
        required=False, trim_whitespace=False, allow_blank=True, help_text="The scanned code."
    )
    ticket = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Instead of `secret`: a ticket chosen by manual search.",
    )
    list = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    nonce = serializers.CharField(max_length=MAX_NONCE_LENGTH)
    scanned_at = serializers.DateTimeField(help_text="When the device scanned it (with its offset).")
    type = serializers.ChoiceField(choices=CheckInType.values, default=CheckInType.ENTRY)
    gate = serializers.CharField(required=False, allow_blank=True, max_length=MAX_GATE_LENGTH)

    def validate_scanned_at(self, value):
        if value.year < EARLIEST_SCAN_YEAR:
            raise serializers.ValidationError(_("This is not a time a scan was made."))
        return value

    def validate(self, attrs):
        if "secret" not in attrs and "ticket" not in attrs:
            raise serializers.ValidationError(_("Give the scanned code (secret) or the ticket's id."))
        return attrs


class UploadRequest(serializers.Serializer):
    scans = serializers.ListField(child=UploadScan(), min_length=1, max_length=MAX_BATCH)


class UploadResultResponse(serializers.Serializer):
    nonce = serializers.CharField()
    result = serializers.CharField(
        help_text="`ok`; a refusal reason (`invalid`, `already_redeemed`, `canceled`, `unpaid`, `product`, "
        "`invalid_time`, `wrong_event`, or `conflict`: another gate admitted the ticket first); or "
        "`unknown_list`, `exits_not_recorded`, `nonce_reused` for a scan that could not be evaluated."
    )
    message = serializers.CharField()
    checkin = CheckinResponse(allow_null=True)
    previous = CheckinResponse(allow_null=True, help_text="For a conflict or a repeat: the admission first.")


@extend_schema(
    tags=["check-in"],
    summary="Upload scans made offline (up to 500 a batch)",
    request=UploadRequest,
    responses={
        200: inline_serializer("UploadResponse", {"results": UploadResultResponse(many=True)}),
        400: ErrorResponse,
        401: ErrorResponse,
    },
)
class UploadView(DeviceAPIView):
    """Record offline scans with their own times; one result per scan, in order. The first admission
    by scan time wins and a later one from another device is a `conflict`. Sending a batch again
    records nothing and returns the same results."""

    parser_classes = [JSONParser]

    def post(self, request):
        if not isinstance(request.data, dict):
            return json_error("bad_request", _("Send a JSON object."), status=400)
        form = UploadRequest(data=request.data)
        if not form.is_valid():
            return json_error(
                "bad_request", _("Some fields are missing or wrong."), status=400, errors=form.errors
            )
        results = upload_scans(self.device, form.validated_data["scans"])
        return Response({"results": [_upload_data(item) for item in results]})


def _upload_data(item):
    return {
        "nonce": item.nonce,
        "result": item.result,
        "message": message(item.redeem_result) if item.checkin is not None else str(item.detail),
        "checkin": checkin_data(item.checkin),
        "previous": checkin_data(item.previous),
    }
