"""Public programme pages and files. Thin: reading is in queries.py/agenda.py, writing in services.py."""

import json

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page

from core.converters import parse_id
from core.links import absolute_url
from core.text import words
from events import agenda as agenda_lib
from events import exports, services
from events.models import EventPage, PersonalAgenda, Speaker
from events.queries import event_pages_by_source, session_url_builder, sessions_for_listing

EXPORT_CACHE_SECONDS = 60 * 60
EXPORT_TYPES = {
    "agenda.ics": "text/calendar; charset=utf-8",
    "schedule.json": "application/json; charset=utf-8",
    "schedule.xml": "application/xml; charset=utf-8",
}


def _language():
    return (get_language() or "vi").split("-")[0]


def _event_for_path(request, page_path):
    page = Page.find_for_request(request, page_path)
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, EventPage) or not page.live:
        raise Http404
    return page


# --- Agenda (a route of EventPage) -----------------------------------------------------------


def agenda(request, page):
    version = services.schedule_version(page)
    filters = agenda_lib.AgendaFilters.from_query(request.GET)
    requested_day = _valid_day(page, request.GET.get("day", ""))
    key = f"events:agenda:{page.pk}:{version}:{_language()}:{requested_day}:{filters.cache_key()}"
    body = cache.get(key)
    if body is None:
        programme = agenda_lib.load_programme(page)
        context = agenda_lib.agenda_context(page, programme, filters, requested_day)
        body = render_to_string("events/includes/agenda_body.html", context, request=None)
        cache.set(key, body, EXPORT_CACHE_SECONDS)
    now_next = agenda_lib.now_and_next(page) if page.status == "ongoing" else None
    return TemplateResponse(
        request,
        "events/agenda_page.html",
        {"page": page, "agenda_body": body, "now_next": now_next, "version": version},
    )


def _page_url(page):
    """`page.url`, remembered on the page object (many sessions share a few event pages)."""
    if not hasattr(page, "_cached_url"):
        page._cached_url = page.url
    return page._cached_url


def _valid_day(page, value):
    """A YYYY-MM-DD within the event's dates, else "" (keeps arbitrary values out of the cache keys)."""
    from datetime import date, timedelta

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return ""
    first = timezone.localtime(page.starts_at).date() - timedelta(days=1)
    last = timezone.localtime(page.ends_at).date() + timedelta(days=1)
    return value if first <= day <= last else ""


def session_detail(request, page, slug):
    source = page.source_event
    session = get_object_or_404(sessions_for_listing(page), event=source, slug=slug)
    context = {
        "page": page,
        "session": session,
        "session_url": request.path,
        "json_ld": agenda_lib.session_json_ld(page, session, absolute_url(request.path)),
    }
    return TemplateResponse(request, "events/session_page.html", context)


# --- Files ---------------------------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=300)
def event_export(request, page_path, export):
    page = _event_for_path(request, page_path)
    version = services.schedule_version(page)
    key = f"events:export:{page.pk}:{version}:{export}"
    content = cache.get(key)
    if content is None:
        content = build_export(page, export)
        cache.set(key, content, EXPORT_CACHE_SECONDS)
    response = HttpResponse(content, content_type=EXPORT_TYPES[export])
    response["X-Schedule-Version"] = str(version)
    if export == "agenda.ics":
        response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
    return response


def build_export(page, export):
    programme = agenda_lib.load_programme(page)
    session_url = session_url_builder(page)
    if export == "agenda.ics":
        return exports.ical_calendar(
            page.title, programme.sessions, {page.source_event.pk: page}, session_url
        )
    data = exports.schedule_data(
        page,
        programme.sessions,
        programme.rooms,
        programme.tracks,
        services.schedule_version(page),
        session_url,
        absolute_url(page.url),
    )
    if export == "schedule.json":
        return exports.schedule_json(data)
    return exports.schedule_xml(data, absolute_url(page.url + "schedule.xml"))


@require_GET
def session_ics(request, page_path, slug):
    page = _event_for_path(request, page_path)
    session = get_object_or_404(sessions_for_listing(page), slug=slug)
    content = exports.ical_calendar(
        session.title, [session], {page.source_event.pk: page}, session_url_builder(page)
    )
    response = HttpResponse(content, content_type=EXPORT_TYPES["agenda.ics"])
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


# --- Speakers --------------------------------------------------------------------------------------


def speaker_index(request):
    query = request.GET.get("q", "").strip()[:100]
    speakers = Speaker.objects.select_related("photo").order_by("name", "id")
    for term in words(query):
        speakers = speakers.filter(search_text__contains=term)
    return TemplateResponse(request, "events/speaker_index.html", {"speakers": speakers, "query": query})


def _speaker_sessions(speaker):
    from events.models import Session

    sessions = list(
        Session.objects.filter(speaker_links__speaker=speaker, event__live=True)
        .select_related("room", "track", "event")
        .prefetch_related("speaker_links__speaker")
        .order_by("-event__starts_at", "starts_at")
    )
    pages = event_pages_by_source({s.event for s in sessions}, _language())
    for session in sessions:
        event_page = pages.get(session.event_id, session.event)
        session.event_page = event_page
        session.url = f"{_page_url(event_page)}sessions/{session.slug}/"
    return sessions, pages


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker.objects.select_related("photo"), slug=slug)
    sessions, _pages = _speaker_sessions(speaker)
    return TemplateResponse(request, "events/speaker_page.html", {"speaker": speaker, "sessions": sessions})


def speaker_ics(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    sessions, pages = _speaker_sessions(speaker)
    content = exports.ical_calendar(speaker.name, sessions, pages, lambda s: s.url)
    response = HttpResponse(content, content_type=EXPORT_TYPES["agenda.ics"])
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


# --- Personal agenda --------------------------------------------------------------------------------


def _ids_from(value):
    ids = []
    for part in (value or "").replace(" ", "").split(","):
        if (session_id := parse_id(part)) and len(ids) < services.MAX_AGENDA_SESSIONS:
            ids.append(session_id)
    return ids


def _personal_context(sessions):
    pages = event_pages_by_source({s.event for s in sessions}, _language())
    for session in sessions:
        event_page = pages.get(session.event_id, session.event)
        session.event_page = event_page
        session.url = f"{_page_url(event_page)}sessions/{session.slug}/"
    agenda_lib.mark_clashes(sessions)
    return {"sessions": sessions, "clash_count": sum(1 for s in sessions if s.clashes)}


def my_agenda(request):
    """Starred sessions. Anonymous stars live in the browser, which sends them as `?s=1,2,3`."""
    ids = _ids_from(request.GET.get("s"))
    sessions = agenda_lib.personal_sessions(ids)
    context = _personal_context(sessions)
    context.update({"ids": ",".join(str(s.pk) for s in sessions), "has_query": "s" in request.GET})
    if request.GET.get("partial"):
        return TemplateResponse(request, "events/includes/my_agenda_list.html", context)
    return TemplateResponse(request, "events/my_agenda.html", context)


@require_POST
@ratelimit(key="ip", rate="30/h", method="POST", block=True)
def my_agenda_subscribe(request):
    """Keep the starred sessions on the server behind a secret key, for a calendar subscription."""
    agenda = services.create_personal_agenda(_ids_from(request.POST.get("sessions")))
    return redirect("events:my_agenda_saved", key=agenda.key)


@csrf_exempt  # the secret key in the URL is the credential; no cookie is trusted here, so no CSRF risk
@require_http_methods(["GET", "POST"])
def my_agenda_saved(request, key):
    agenda = get_object_or_404(PersonalAgenda, key=key)
    if request.method == "POST":
        # The browser sends its whole list whenever a star changes.
        try:
            payload = json.loads(request.body or b"{}")
            ids = [int(v) for v in payload.get("sessions", [])]
        except (ValueError, TypeError, AttributeError):
            return JsonResponse(
                {"status": "error", "reason": "invalid", "detail": _('Send {"sessions": [ids]}.')}, status=400
            )
        agenda = services.set_personal_agenda_sessions(agenda, ids)
        return JsonResponse(
            {"status": "ok", "sessions": sorted(agenda.sessions.values_list("pk", flat=True))}
        )
    sessions = agenda_lib.personal_sessions(list(agenda.sessions.values_list("pk", flat=True)))
    context = _personal_context(sessions)
    ics_path = reverse("events:my_agenda_ics", kwargs={"key": key})
    feed = absolute_url(ics_path)
    context.update(
        {
            "agenda": agenda,
            "ids": ",".join(str(s.pk) for s in sessions),
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[1],
            "has_query": True,
        }
    )
    response = TemplateResponse(request, "events/my_agenda.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the key is a secret: keep it out of Referer headers
    response["X-Robots-Tag"] = "noindex"
    return response


def my_agenda_ics(request, key):
    agenda = get_object_or_404(PersonalAgenda, key=key)
    sessions = agenda_lib.personal_sessions(list(agenda.sessions.values_list("pk", flat=True)))
    pages = event_pages_by_source({s.event for s in sessions}, _language())
    for session in sessions:
        event_page = pages.get(session.event_id, session.event)
        session.url = f"{_page_url(event_page)}sessions/{session.slug}/"
    content = exports.ical_calendar(_("My agenda"), sessions, pages, lambda s: s.url, refresh_minutes=30)
    response = HttpResponse(content, content_type=EXPORT_TYPES["agenda.ics"])
    response["X-Robots-Tag"] = "noindex"
    return response
