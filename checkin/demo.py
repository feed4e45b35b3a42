"""Demo check-in data: entrance lists per day of the upcoming Day, a list per workshop door, a demo device,
a few check-ins (a rehearsal at the main entrance). Idempotent: stable names and nonces, update_or_create."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from checkin.models import CheckIn, CheckInList, CheckInType, Device, Reason

DEMO_DEVICE_NAME = "Máy quét demo – Cổng A"
DEMO_GATES = ["Cổng A", "Cổng B", "Cổng C"]


def _upcoming_day():
    from events.models import EventPage

    events = EventPage.objects.filter(locale__language_code="vi", ends_at__gte=timezone.now()).order_by(
        "starts_at"
    )
    return events.filter(event_type="digital_day").first() or events.first()


def _days(event):
    first = timezone.localtime(event.starts_at).date()
    last = timezone.localtime(event.ends_at - timedelta(seconds=1)).date()
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def ensure_lists(event, log):
    """The whole-event entrance, one entrance per day (scans on other days: invalid_time), a door per workshop."""
    lists = {}
    lists["whole"], _ = CheckInList.objects.update_or_create(
        event=event,
        session=None,
        valid_from=None,
        defaults={"name": "Cổng chính (cả sự kiện, dùng để tập dượt)", "is_active": True},
    )
    zone = timezone.get_current_timezone()
    days = list(_days(event))
    for number, day in enumerate(days, start=1):
        start = datetime.combine(day, time(6, 0), tzinfo=zone)
        end = datetime.combine(day, time(20, 0), tzinfo=zone)
        name = f"Cổng chính – ngày {day:%d/%m}" if len(days) > 1 else f"Cổng chính – {day:%d/%m/%Y}"
        lists[f"day{number}"], _ = CheckInList.objects.update_or_create(
            event=event,
            session=None,
            valid_from=start,
            defaults={"name": name, "valid_until": end, "is_active": True},
        )
    from events.models import Session

    for session in Session.objects.filter(event=event, requires_signup=True).order_by("starts_at", "id"):
        checkin_list, _ = CheckInList.objects.update_or_create(
            event=event,
            session=session,
            defaults={
                "name": f"Cửa phòng – {session.title_vi}"[:150],
                "valid_from": session.starts_at - timedelta(minutes=30),
                "valid_until": session.ends_at,
                "is_active": True,
            },
        )
        lists[f"session{session.pk}"] = checkin_list
    log(f"  {len(lists)} check-in lists for {event.title}")
    return lists


def ensure_device(event):
    """A demo device visible in the admin; its token is random and shown to nobody (create your own)."""
    device = Device.objects.filter(name=DEMO_DEVICE_NAME).first()
    if device is None:
        device = Device(name=DEMO_DEVICE_NAME, event=event)
        device.set_new_token()
        device.save()
    return device


def ensure_checkins(event, whole, device, scale, rng):
    """A rehearsal at the main entrance: a few tickets in over the last hour, and two refused scans."""
    from registration.models import OrderStatus, Ticket, TicketStatus

    tickets = list(
        Ticket.objects.filter(
            order__event=event, order__status=OrderStatus.CONFIRMED, status=TicketStatus.VALID
        ).order_by("id")[: 12 * scale]
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
                "gate": DEMO_GATES[index % len(DEMO_GATES)],
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
                "gate": DEMO_GATES[1],
            },
        )
    CheckIn.objects.get_or_create(
        checkin_list=whole,
        device=device,
        nonce="demo-invalid",
        defaults={
            "successful": False,
            "reason": Reason.INVALID,
            "raw_code": "KHONG-PHAI-VE",
            "gate": DEMO_GATES[2],
        },
    )
    return created


def load(scale, rng, log):
    event = _upcoming_day()
    if event is None:
        log("  no upcoming event: no check-in lists made")
        return
    lists = ensure_lists(event, log)
    device = ensure_device(event)
    created = ensure_checkins(event, lists["whole"], device, scale, rng)
    log(f"  demo device '{device.name}', {created} new demo check-ins")
