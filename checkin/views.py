"""The scanner page for check-in staff, and the JSON endpoints it calls with the staff login.

Staff choose a list and name their gate once (kept in the session); after that the page scans
continuously. Without JavaScript the same page still works as forms: type or wedge-scan a code,
search a name, check in from a result.
"""

import json
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from checkin.models import CheckInList, CheckInType, Device
from checkin.presenters import ALREADY_SENTENCES, already_sentence_key, checkin_data, result_data, ticket_data
from checkin.services import (
    MAX_GATE_LENGTH,
    CheckinError,
    annul_checkin,
    create_device,
    redeem_ticket,
    search_tickets,
    undo_window,
)
from core.ratelimit import over_limit
from core.responses import json_error
from core.views import ratelimited

SESSION_LIST = "checkin_list_id"
SESSION_GATE = "checkin_gate"
SEARCH_LIMIT = 20
SCANNER_HEADER = "X-Checkin-Scanner"  # read by templates/checkin/scanner-sw.js
MAX_DEVICE_NAME_LENGTH = Device._meta.get_field("name").max_length
scanner_required = permission_required("checkin.use_scanner", login_url=reverse_lazy("checkin:login"))


def available_lists():
    """Active lists of events that are not long over, soonest first."""
    since = timezone.now() - timedelta(days=1)
    return (
        CheckInList.objects.filter(is_active=True, event__ends_at__gte=since)
        .select_related("event", "session")
        .order_by("event__starts_at", "session__starts_at", "valid_from", "name", "id")
    )


class SetupForm(forms.Form):
    checkin_list = forms.ModelChoiceField(
        queryset=CheckInList.objects.none(), label=gettext_lazy("Check-in list"), empty_label=None
    )
    gate = forms.CharField(
        label=gettext_lazy("Gate or door name"),
        max_length=MAX_GATE_LENGTH,
        help_text=gettext_lazy("For example: Gate B, lane 2, or Room 2.1 door."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkin_list"].queryset = available_lists()
        self.fields["checkin_list"].label_from_instance = list_label


def list_title(item):
    """The list's name, and its session's title unless the name already says it."""
    if item.session_id and str(item.session.title).casefold() not in item.name.casefold():
        return f"{item.name} · {item.session.title}"
    return item.name


def list_label(item):
    """What the list picker shows: event · list · when it is valid."""
    validity = validity_text(item.valid_from, item.valid_until)
    return " · ".join([str(item.event.title), list_title(item)] + ([validity] if validity else []))


def validity_text(start, end):
    """A list's hours, local: "30/11 08:00–12:00", "from 30/11 08:00", "until 01/12 17:00" or ""."""
    start = timezone.localtime(start) if start else None
    end = timezone.localtime(end) if end else None
    if start and end:
        if start.date() == end.date():
            return f"{start:%d/%m %H:%M}–{end:%H:%M}"
        return f"{start:%d/%m %H:%M} – {end:%d/%m %H:%M}"
    if start:
        return _("from %(time)s") % {"time": f"{start:%d/%m %H:%M}"}
    if end:
        return _("until %(time)s") % {"time": f"{end:%d/%m %H:%M}"}
    return ""


def _current_list(request):
    list_id = request.session.get(SESSION_LIST)
    if not list_id:
        return None
    return available_lists().filter(pk=list_id).first()


def _messages():
    """Everything the scanner's JavaScript says, translated here (no inline scripts under our CSP)."""
    return {
        "ok": _("Welcome"),
        "attention": _("Welcome: please check"),
        "refused": _("Not admitted"),
        "problem": _("Problem"),
        "undo": _("Undo"),
        "undone": _("Check-in undone"),
        "undo_failed": _("Could not undo"),
        "tap_to_close": _("Tap to close"),
        "camera_start": _("Start camera"),
        "camera_stop": _("Stop camera"),
        "camera_starting": _("Starting the camera…"),
        "camera_on": _("Camera on: hold the QR code in front of it."),
        "camera_off": _("Camera off."),
        "camera_error": _("Camera unavailable"),
        "network_error": _("No connection to the server. Try again or use search."),
        "logged_out": _("Your login has expired: please log in again."),
        "search_short": _("Type at least 2 characters."),
        "search_none": _("No ticket found."),
        "already_in": _("Already checked in"),
        "check_in": _("Check in"),
        **_offline_messages(),
    }


def _offline_messages():
    """What the page says when it answers from the offline bundle: the server's sentences (the same
    msgids as checkin/presenters.py `message`), with %(time)s, %(gate)s, %(by)s filled in by the page."""
    return {
        "offline_since": _("Offline since %(time)s"),
        "scans_waiting_one": _("1 scan waiting"),
        "scans_waiting": _("%(count)s scans waiting"),
        "sending": _("Back online: sending"),
        "bundle_ready": _("Ready offline (tickets: %(count)s, updated %(time)s)"),
        "bundle_missing": _("Not ready offline yet: keep this page open while online."),
        "reason_ok": _("Welcome! Checked in."),
        "reason_exit": _("Exit recorded."),
        "reason_already_plain": _("Already checked in."),
        "reason_conflict": _("Conflict: admitted first at %(gate)s at %(time)s."),
        **{already_sentence_key(*key): _(sentence) for key, sentence in ALREADY_SENTENCES.items()},
        "reason_invalid": _("Unknown code: this is not one of our tickets."),
        "reason_canceled": _("This ticket has been cancelled."),
        "reason_product": _("This ticket type is not admitted here."),
        "reason_no_seat": _("No seat booked for this session."),
        "reason_invalid_time": _("Not valid at this time (not today, or outside this list's hours)."),
        "reason_unpaid": _("Not paid yet: send the attendee to the help desk."),
        "reason_pending_email": _("Registration not confirmed by e-mail."),
        "reason_pending_approval": _("Registration still waiting for the organiser's approval."),
    }


@login_required(login_url=reverse_lazy("checkin:login"))
@scanner_required
def scanner(request):
    """Choose the list and gate (once), then scan; POST without JavaScript redeems a code or sets up."""
    checkin_list = _current_list(request)
    if request.method == "POST" and request.POST.get("action") == "setup" or checkin_list is None:
        form = SetupForm(
            request.POST if request.method == "POST" and request.POST.get("action") == "setup" else None,
            initial={"checkin_list": checkin_list, "gate": request.session.get(SESSION_GATE, "")},
        )
        if form.is_bound and form.is_valid():
            request.session[SESSION_LIST] = form.cleaned_data["checkin_list"].pk
            request.session[SESSION_GATE] = form.cleaned_data["gate"].strip()
            return redirect("checkin:scanner")
        return render(request, "checkin/setup.html", {"form": form})
    if request.GET.get("setup"):
        form = SetupForm(
            initial={"checkin_list": checkin_list, "gate": request.session.get(SESSION_GATE, "")}
        )
        return render(request, "checkin/setup.html", {"form": form})

    gate = request.session.get(SESSION_GATE, "")
    answer = None
    if request.method == "POST":
        try:
            result = redeem_ticket(
                request.POST.get("secret", "").strip(),
                checkin_list,
                nonce=request.POST.get("nonce", ""),
                scan_type=request.POST.get("type", CheckInType.ENTRY),
                gate=gate,
                user=request.user,
            )
            answer = result_data(result)
            answer["colour"] = result.colour
        except CheckinError as problem:
            answer = {"status": "error", "colour": "red", "message": str(problem)}
    query = request.GET.get("q", "").strip()
    results = list(search_tickets(checkin_list, query)[:SEARCH_LIMIT]) if query else None
    response = render(
        request,
        "checkin/scanner.html",
        {
            "checkin_list": checkin_list,
            "list_title": list_title(checkin_list),
            "gate": gate,
            "answer": answer,
            "query": query,
            "results": results,
            "messages_json": _messages(),
            "undo_seconds": int(undo_window().total_seconds()),
            "time_zone": settings.TIME_ZONE,
        },
    )
    if request.method == "GET" and not query:
        response[SCANNER_HEADER] = "1"  # the service worker keeps this page (and only this) for offline use
    return response


def _scanner_error(reason, detail, status):
    """The shared error body, plus the sentence the scanner page shows (`message`)."""
    return json_error(reason, detail, status=status, message=str(detail))


def _json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _list_for(data_list_id):
    try:
        list_id = int(data_list_id)
    except (TypeError, ValueError):
        return None
    return available_lists().filter(pk=list_id).first()


def _staff_json(view):
    """Login and the scanner permission, answered in JSON (the page's fetch cannot follow a login redirect)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _scanner_error("not_authenticated", _("Your login has expired: please log in again."), 401)
        if not request.user.has_perm("checkin.use_scanner"):
            return _scanner_error("permission_denied", _("You may not use the scanner."), 403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_POST
@_staff_json
def scan_redeem(request):
    data = _json_body(request)
    if data is None:
        return _scanner_error("bad_request", _("Send a JSON object."), 400)
    secret = data.get("secret")
    if not isinstance(secret, str):
        return _scanner_error("bad_request", _("The code is missing."), 400)
    checkin_list = _list_for(data.get("list"))
    if checkin_list is None:
        return _scanner_error("not_found", _("No such check-in list."), 404)
    try:
        result = redeem_ticket(
            secret.strip(),
            checkin_list,
            nonce=data.get("nonce") or "",
            scan_type=data.get("type") or CheckInType.ENTRY,
            gate=str(data.get("gate") or request.session.get(SESSION_GATE, "")),
            user=request.user,
        )
    except CheckinError as problem:
        return _scanner_error(problem.code, problem, 400)
    answer = result_data(result)
    answer["colour"] = result.colour
    return JsonResponse(answer)


@require_GET
@_staff_json
def scan_search(request):
    checkin_list = _list_for(request.GET.get("list"))
    if checkin_list is None:
        return _scanner_error("not_found", _("No such check-in list."), 404)
    tickets = search_tickets(checkin_list, request.GET.get("q", ""))[:SEARCH_LIMIT]
    return JsonResponse(
        {
            "results": [
                {**ticket_data(ticket, with_secret=True), "checked_in": ticket.checked_in}
                for ticket in tickets
            ]
        }
    )


@require_POST
@_staff_json
def scan_annul(request):
    data = _json_body(request)
    if data is None:
        return _scanner_error("bad_request", _("Send a JSON object."), 400)
    checkin_list = _list_for(data.get("list")) if data.get("list") else None
    try:
        row = annul_checkin(data.get("nonce"), user=request.user, checkin_list=checkin_list)
    except CheckinError as problem:
        return _scanner_error(problem.code, problem, 404 if problem.code == "not_found" else 400)
    return JsonResponse({"status": "ok", "checkin": checkin_data(row)})


class LoginView(auth_views.LoginView):
    """A plain login for volunteers, who have no access to the rest of the admin (rate-limited like the admin's)."""

    template_name = "checkin/login.html"
    redirect_authenticated_user = False

    def post(self, request, *args, **kwargs):
        if over_limit(request, "checkin-login", "ADMIN_LOGIN_RATE", keys=("ip", "post:username")):
            return ratelimited(request)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("checkin:scanner")


# --- Offline mode: the installable app, its service worker, and this browser's device token ----------


@require_GET
def service_worker(request):
    """The scanner's service worker, served under /<lang>/checkin/ so its scope is the scanner's own
    (one worker per language; the rest of the site is never intercepted). Public: it holds no data."""
    response = render(request, "checkin/scanner-sw.js", content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker on every visit
    return response


@require_GET
def web_manifest(request):
    """The web app manifest: installs the scanner on a phone's home screen, in the page's language."""
    icon = "checkin/icons/scanner-{size}.png"
    return JsonResponse(
        {
            "name": _("Check-in scanner · Đà Nẵng Digital Transformation Day"),
            "short_name": _("Check-in"),
            "lang": request.LANGUAGE_CODE,
            "start_url": reverse("checkin:scanner"),
            "scope": reverse("checkin:scanner"),
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b4ea2",
            "icons": [
                {"src": static(icon.format(size=size)), "sizes": f"{size}x{size}", "type": "image/png"}
                for size in (192, 512)
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_POST
@_staff_json
def scan_device(request):
    """A device (and its token, shown this once) for this browser, bound to the list's event: the page
    then reads the offline bundle and uploads its offline scans through the device API, like any
    scanning app. Organisers see it among the devices ("Gate B · volunteer (browser)") and can revoke it."""
    data = _json_body(request)
    checkin_list = _list_for(data.get("list")) if data else None
    if checkin_list is None:
        return _scanner_error("not_found", _("No such check-in list."), 404)
    gate = request.session.get(SESSION_GATE, "") or _("Gate")
    name = _("%(gate)s · %(user)s (browser)") % {"gate": gate, "user": request.user.get_username()}
    device, token = create_device(name[:MAX_DEVICE_NAME_LENGTH], event=checkin_list.event, user=request.user)
    return JsonResponse({"device": device.pk, "name": device.name, "token": token}, status=201)
