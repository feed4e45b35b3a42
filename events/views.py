"""Public programme files, speakers and personal agendas. Thin: reading is in queries.py and agenda.py,
writing in services.py. The event page, its agenda and session pages are routes of EventPage."""

import json

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from core.converters import parse_id
from core.links import absolute_url
from core.ratelimit import over_limit
from core.responses import json_error
from core.text import words
from core.views import ratelimited
from events import agenda as agenda_lib
from events import exports, services
from events.agenda import current_language
from events.models import EventPage, PersonalAgenda, Speaker, schedule_version
from events.queries import event_pages_by_source, personal_sessions, session_url_builder, speaker_sessions

EXPORT_TYPES = {
    "agenda.ics": "text/calendar; charset=utf-8",
    "schedule.json": "application/json; charset=utf-8",
    "schedule.xml": "application/xml; charset=utf-8",
}


def _event_for_path(request, page_path):
    page = Page.find_for_request(request, page_path)
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, EventPage) or not page.live:
        raise Http404
    return page


def _page_url(page):
    """`page.url`, remembered on the page object (many sessions share a few event pages)."""
    if not hasattr(page, "_cached_url"):
        page._cached_url = page.url
    return page._cached_url


def _link_to_event_pages(sessions):
    """Give each session (of any event) its event page in the visitor's language and its URL there;
    returns {source event id: page}."""
    pages = event_pages_by_source({s.event for s in sessions}, current_language())
    for session in sessions:
        session.event_page = pages.get(session.event_id, session.event)
        session.url = f"{_page_url(session.event_page)}sessions/{session.slug}/"
    return pages


# --- Files ---------------------------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=300)
def event_export(request, page_path, export):
    page = _event_for_path(request, page_path)
    version = schedule_version(page)
    key = f"events:export:{page.pk}:{version}:{export}"
    content = cache.get(key)
    if content is None:
        content = build_export(page, export)
        cache.set(key, content, agenda_lib.CACHE_SECONDS)
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
        schedule_version(page),
        session_url,
        absolute_url(page.url),
    )
    if export == "schedule.json":
        return exports.schedule_json(data)
    return exports.schedule_xml(data, absolute_url(page.url + "schedule.xml"))


@require_GET
def session_ics(request, page_path, slug):
    page = _event_for_path(request, page_path)
    session = get_object_or_404(page.listed_sessions(), slug=slug)
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


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker.objects.select_related("photo"), slug=slug)
    sessions = speaker_sessions(speaker)
    _link_to_event_pages(sessions)
    return TemplateResponse(request, "events/speaker_page.html", {"speaker": speaker, "sessions": sessions})


def speaker_ics(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    sessions = speaker_sessions(speaker)
    pages = _link_to_event_pages(sessions)
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
    _link_to_event_pages(sessions)
    agenda_lib.mark_clashes(sessions)
    return {"sessions": sessions, "clash_count": sum(1 for s in sessions if s.clashes)}


def my_agenda(request):
    """Starred sessions. Anonymous stars live in the browser, which sends them as `?s=1,2,3`."""
    ids = _ids_from(request.GET.get("s"))
    sessions = personal_sessions(ids)
    context = _personal_context(sessions)
    context.update({"ids": ",".join(str(s.pk) for s in sessions), "has_query": "s" in request.GET})
    if request.GET.get("partial"):
        return TemplateResponse(request, "events/includes/my_agenda_list.html", context)
    return TemplateResponse(request, "events/my_agenda.html", context)


@require_POST
def my_agenda_subscribe(request):
    """Keep the starred sessions on the server behind a secret key, for a calendar subscription."""
    if over_limit(request, "events.personal_agenda", "PERSONAL_AGENDA_RATE"):
        return ratelimited(request)
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
            return json_error("invalid", _('Send {"sessions": [ids]}.'))
        agenda = services.set_personal_agenda_sessions(agenda, ids)
        return JsonResponse(
            {"status": "ok", "sessions": sorted(agenda.sessions.values_list("pk", flat=True))}
        )
    sessions = personal_sessions(list(agenda.sessions.values_list("pk", flat=True)))
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
    sessions = personal_sessions(list(agenda.sessions.values_list("pk", flat=True)))
    pages = _link_to_event_pages(sessions)
    content = exports.ical_calendar(_("My agenda"), sessions, pages, lambda s: s.url, refresh_minutes=30)
    response = HttpResponse(content, content_type=EXPORT_TYPES["agenda.ics"])
    response["X-Robots-Tag"] = "noindex"
    return response
