"""Demo check-in: entrance lists per day of the upcoming Day, a list per workshop door, a demo device and a
few check-ins (a rehearsal at the main entrance).

Data: demo/data/checkin/. Idempotent: stable names and nonces, update_or_create.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from checkin.models import CheckIn, CheckInList, CheckInType, Device, Reason
from demo.files import read
from events.models import EventPage, Session
from registration.models import OrderStatus, Ticket, TicketStatus


def load(scale, rng, log):
    data = read("checkin", "checkin")
    event = upcoming_day()
    if event is None:
        log("  no upcoming event: no check-in lists made")
        return
    lists = ensure_lists(event, data, log)
    device = ensure_device(event, data["device"])
    created = ensure_checkins(lists["whole"], device, data, scale, rng)
    log(f"  demo device '{device.name}', {created} new demo check-ins")


def upcoming_day():
    events = EventPage.objects.filter(locale__language_code="vi", ends_at__gte=timezone.now()).order_by(
        "starts_at"
    )
    return events.filter(event_type="digital_day").first() or events.first()


def event_days(event):
    first = timezone.localtime(event.starts_at).date()
    last = timezone.localtime(event.ends_at - timedelta(seconds=1)).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def ensure_lists(event, data, log):
    """The whole-event entrance, one entrance per day (scans on other days: invalid_time), a door per workshop."""
    lists = {}
    lists["whole"], _ = CheckInList.objects.update_or_create(
        event=event,
        session=None,
        valid_from=None,
        defaults={"name": data["whole_event"], "is_active": True},
    )
    zone = timezone.get_current_timezone()
    days = event_days(event)
    opens, closes = (datetime.strptime(data[key], "%H:%M").time() for key in ("day_opens", "day_closes"))
    for number, day in enumerate(days, start=1):
        if len(days) > 1:
            name = data["day"].format(day=f"{day:%d/%m}")
        else:
            name = data["single_day"].format(day=f"{day:%d/%m/%Y}")
        lists[f"day{number}"], _ = CheckInList.objects.update_or_create(
            event=event,
            session=None,
            valid_from=datetime.combine(day, opens, tzinfo=zone),
            defaults={
                "name": name,
                "valid_until": datetime.combine(day, closes, tzinfo=zone),
                "is_active": True,
            },
        )
    before = timedelta(minutes=data["door_opens_minutes_before"])
    for session in Session.objects.filter(event=event, requires_signup=True).order_by("starts_at", "id"):
        lists[f"session{session.pk}"], _ = CheckInList.objects.update_or_create(
            event=event,
            session=session,
            defaults={
                "name": data["door"].format(session=session.title_vi)[:150],
                "valid_from": session.starts_at - before,
                "valid_until": session.ends_at,
                "is_active": True,
            },
        )
    log(f"  {len(lists)} check-in lists for {event.title}")
    return lists


def ensure_device(event, name):
    """A demo device visible in the admin; its token is random and shown to nobody (create your own)."""
    device = Device.objects.filter(name=name).first()
    if device is None:
        device = Device(name=name, event=event)
        device.set_new_token()
        device.save()
    return device


def ensure_checkins(whole, device, data, scale, rng):
    """A rehearsal at the main entrance: a few tickets in over the last hour, and two refused scans."""
    gates = data["gates"]
    tickets = list(
        Ticket.objects.filter(
            order__event=whole.event, order__status=OrderStatus.CONFIRMED, status=TicketStatus.VALID
        ).order_by("id")[: data["rehearsal_tickets_per_scale"] * scale]
    )
    now = timezone.now()
    created = 0
    for index, ticket in enumerate(tickets):
        _, made = CheckIn.objects.get_or_create(
            checkin_list=whole,
            device=device,
            nonce=f"demo-{ticket.pk}",
            defaults={
                "ticket": ticket,
                "type": CheckInType.ENTRY,
                "gate": gates[index % len(gates)],
                "created_at": now - timedelta(minutes=rng.randint(1, 60)),
            },
        )
        created += made
    if tickets:
        first = CheckIn.objects.filter(checkin_list=whole, nonce=f"demo-{tickets[0].pk}").first()
        CheckIn.objects.get_or_create(
            checkin_list=whole,
            device=device,
            nonce="demo-repeat",
            defaults={
                "ticket": tickets[0],
                "successful": False,
                "reason": Reason.ALREADY_REDEEMED,
                "previous": first,
                "gate": gates[1],
            },
        )
    CheckIn.objects.get_or_create(
        checkin_list=whole,
        device=device,
        nonce="demo-invalid",
        defaults={
            "successful": False,
            "reason": Reason.INVALID,
            "raw_code": data["invalid_code"],
            "gate": gates[2],
        },
    )
    return created
