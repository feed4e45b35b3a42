"""The city's view of an event: counts of registrations, attendance, exhibitors and products; and of a
year: the same added up, with certificates, support requests and comments on draft documents.

`event_tables` computes the real counts in a fixed number of queries (whatever the number of tickets,
sessions or products); the admin report shows them as they are. `suppressed` makes the public copy:
every count from 1 to 4 becomes None, so that no person can be singled out from open data.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from checkin.models import CheckInType
from checkin.stats import counted_checkins
from consultations.models import CommentStatus, ConsultationComment
from content.models import SupportRequest
from content.queries import response_summary
from events.models import EventPage, Session
from events.models.pages import SOURCE_LANGUAGE
from exhibitors.models import ApplicationStatus, ExhibitorApplication, Product, Sector
from registration.models import AttendeeCategory, OrderStatus, Ticket, TicketStatus

# Counts from 1 to SMALLEST_PUBLISHED_COUNT - 1 are withheld in open data; 0 is shown.
SMALLEST_PUBLISHED_COUNT = 5
SUPPRESSION_NOTE = "Counts from 1 to 4 are withheld (null) so that no person can be singled out."
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class Row:
    key: str  # for machines: a date, a category code, a session id
    label: str  # for people, in the current language
    count: int | None  # None: withheld


@dataclass(frozen=True)
class Table:
    name: str  # for machines and file names
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def largest(self):
        return max((row.count or 0 for row in self.rows), default=0)


def withheld(count):
    """The published value of a count: None when it is small enough to point at a person."""
    return None if count is not None and 0 < count < SMALLEST_PUBLISHED_COUNT else count


def suppressed(tables):
    """The public copy of `tables`: every count from 1 to 4 withheld."""
    return [
        replace(table, rows=[replace(row, count=withheld(row.count)) for row in table.rows])
        for table in tables
    ]


def _confirmed_tickets(event):
    return Ticket.objects.filter(
        order__event=event, order__status=OrderStatus.CONFIRMED, status=TicketStatus.VALID
    )


def _entries(event):
    """The admitted entries at the event's gates and doors (refused and undone scans do not count)."""
    return counted_checkins().filter(checkin_list__event=event, type=CheckInType.ENTRY, ticket__isnull=False)


def _by_day(queryset, moment, counted):
    rows = (
        queryset.annotate(day=TruncDate(moment))
        .values("day")
        .annotate(count=Count(counted, distinct=True))
        .order_by("day")
    )
    return [Row(row["day"].isoformat(), row["day"].strftime("%d/%m/%Y"), row["count"]) for row in rows]


def _by_choice(choices, counts):
    """Every choice, in its order, with 0 where nothing was counted; unknown keys last."""
    rows = [Row(value, str(label), counts.get(value, 0)) for value, label in choices]
    known = {value for value, _label in choices}
    rows += [
        Row(key or "unspecified", str(_("Not given")), n) for key, n in counts.items() if key not in known
    ]
    return rows


def event_tables(event):
    """The real counts of one event (its Vietnamese page), as tables. Eight queries."""
    tickets = _confirmed_tickets(event)
    registered = tickets.aggregate(
        total=Count("id"),
        attended=Count(
            "id",
            filter=Q(Exists(_entries(event).filter(ticket=OuterRef("pk")))),
        ),
    )
    attendees = _entries(event).aggregate(n=Count("ticket", distinct=True))["n"]
    sessions = (
        Session.objects.filter(event=event)
        .annotate(
            doors=Count("checkin_lists", distinct=True),
            count=Count(
                "checkin_lists__checkins__ticket",
                distinct=True,
                filter=Q(
                    checkin_lists__checkins__successful=True,
                    checkin_lists__checkins__annulled_at__isnull=True,
                    checkin_lists__checkins__type=CheckInType.ENTRY,
                ),
            ),
        )
        .filter(doors__gt=0)
        .order_by("starts_at", "id")
    )
    categories = dict(tickets.values_list("category").annotate(n=Count("id")).values_list("category", "n"))
    exhibitors = dict(
        ExhibitorApplication.objects.filter(event=event, status=ApplicationStatus.CONFIRMED)
        .values_list("exhibitor__sector")
        .annotate(n=Count("exhibitor", distinct=True))
        .values_list("exhibitor__sector", "n")
    )
    products = {
        row["sector"]: row
        for row in Product.objects.published()
        .filter(
            Exists(
                ExhibitorApplication.objects.filter(
                    event=event, status=ApplicationStatus.CONFIRMED, exhibitor=OuterRef("exhibitor")
                )
            )
        )
        .values("sector")
        .annotate(n=Count("id"), made_here=Count("id", filter=Q(is_verified_make_in_danang=True)))
    }

    totals = [
        Row("registrations", str(_("Registrations (confirmed)")), registered["total"]),
        Row("attendees", str(_("Attendees (checked in)")), attendees),
    ]
    if event.starts_at <= timezone.now():  # before the doors open, everyone would be a no-show
        totals.append(Row("no_shows", str(_("No-shows")), registered["total"] - registered["attended"]))
    totals += [
        Row("exhibitors", str(_("Exhibitors (confirmed)")), sum(exhibitors.values())),
        Row("products", str(_("Products shown")), sum(row["n"] for row in products.values())),
        Row(
            "make_in_danang_products",
            str(_("Make in DaNang products launched")),
            sum(row["made_here"] for row in products.values()),
        ),
    ]
    return [
        Table("totals", str(_("Totals")), totals),
        Table(
            "registrations_by_day",
            str(_("Registrations by day")),
            _by_day(tickets, "order__created_at", "id"),
        ),
        Table(
            "attendance_by_day", str(_("Attendance by day")), _by_day(_entries(event), "created_at", "ticket")
        ),
        Table(
            "attendance_by_session",
            str(_("Attendance by session")),
            [Row(str(session.pk), str(session.title), session.count) for session in sessions],
        ),
        Table(
            "attendee_categories",
            str(_("Attendee categories")),
            _by_choice(AttendeeCategory.choices, categories),
        ),
        Table("exhibitors_by_sector", str(_("Exhibitors by sector")), _by_choice(Sector.choices, exhibitors)),
        Table(
            "products_by_sector",
            str(_("Products by sector")),
            _by_choice(Sector.choices, {sector: row["n"] for sector, row in products.items()}),
        ),
    ]


def table_lines(tables):
    """Tables as CSV/XLSX lines: a header, then one line per row (an empty cell for a withheld count)."""
    yield ["table", "key", "label", "count"]
    for table in tables:
        for row in table.rows:
            yield [table.name, row.key, row.label, "" if row.count is None else row.count]


def report_events(year):
    """The events (their Vietnamese pages, published or not) that start in `year`, local time."""
    return (
        EventPage.objects.filter(locale__language_code=SOURCE_LANGUAGE, starts_at__year=year)
        .select_related("locale")
        .order_by("starts_at", "pk")
    )


def _total(tables, key):
    return next(row.count for row in tables[0].rows if row.key == key)


def year_tables(year):
    """Every event of the year: each one's totals, then their tables added up. Eight queries an event."""
    events = list(report_events(year))
    per_event = [(event, event_tables(event)) for event in events]
    merged = {}
    for _event, tables in per_event:
        for table in tables:
            rows = merged.setdefault(table.name, (table.title, {}))[1]
            for row in table.rows:
                label, count = rows.get(row.key, (row.label, 0))
                rows[row.key] = (label, count + row.count)
    totals_by_event = [
        Table(
            name,
            str(title),
            [Row(str(event.pk), event.title, _total(tables, key)) for event, tables in per_event],
        )
        for key, name, title in (
            ("registrations", "registrations_by_event", _("Registrations by event")),
            ("attendees", "attendees_by_event", _("Attendees by event")),
        )
    ]
    summed = [
        Table(name, title, [Row(key, label, count) for key, (label, count) in rows.items()])
        for name, (title, rows) in merged.items()
    ]
    for table in summed:
        if table.name.endswith("_by_day"):
            table.rows.sort(key=lambda row: row.key)
    return summed[:1] + totals_by_event + summed[1:] + participation_tables(year)


def _hours(duration):
    return None if duration is None else round(duration.total_seconds() / 3600)


def participation_tables(year):
    """Beyond the events, what the city's plan counts in a year: certificates per digital-skills class,
    support requests and how fast they were answered, comments on draft documents. Three queries."""
    certificates = (
        Certificate.objects.filter(event__starts_at__year=year, revoked_at__isnull=True)
        .values("event_id", "event__title")
        .annotate(n=Count("id"))
        .order_by("event__starts_at", "event_id")
    )
    support = response_summary(
        list(
            SupportRequest.objects.filter(created_at__year=year).values(
                "created_at", "first_reply_at", "closed_at"
            )
        )
    )
    comments = (
        ConsultationComment.objects.filter(created_at__year=year)
        .exclude(status=CommentStatus.PENDING_CONFIRMATION)
        .values("consultation_key", "consultation__title")
        .annotate(n=Count("id"), published=Count("id", filter=Q(status=CommentStatus.PUBLISHED)))
        .order_by("consultation__title", "consultation_key")
    )
    return [
        Table(
            "certificates_by_class",
            str(_("Certificates by class")),
            [Row(str(row["event_id"]), row["event__title"], row["n"]) for row in certificates],
        ),
        Table(
            "support_requests",
            str(_("Support requests")),
            [
                Row("received", str(_("Received")), support["received"]),
                Row("replied", str(_("Answered")), support["replied"]),
                Row("closed", str(_("Closed")), support["closed"]),
            ],
        ),
        Table(
            "support_response_hours",
            str(_("Support requests: hours to answer (median)")),
            [
                Row("first_reply", str(_("To the first answer")), _hours(support["first_reply_median"])),
                Row("closing", str(_("To closing")), _hours(support["close_median"])),
            ],
        ),
        Table(
            "comments_by_consultation",
            str(_("Comments on draft documents (confirmed)")),
            [Row(str(row["consultation_key"]), row["consultation__title"], row["n"]) for row in comments],
        ),
    ]
