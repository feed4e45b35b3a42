"""Demo registrations: ticket types for upcoming events and 200 attendees (× scale) of the Day in every
state, and the skills classes' attendees on top.

Data: demo/data/registration/. Idempotent: ticket types are keyed by (event, sort_order), orders by a
reference derived from their number, so a second run creates nothing new. Rows are written with
bulk_create, so `--scale 100` (20,000 tickets for the Day, the size of its offline bundle that `make bench`
measures, and about 2,000 for the classes) takes seconds, with a progress line every tenth.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from demo.files import read
from events.models import EventPage, Session
from registration import services
from registration.codes import REFERENCE_ALPHABET, generate_secret
from registration.models import (
    BankAccount,
    Consent,
    ConsentPurpose,
    Order,
    OrderStatus,
    RegistrationSettings,
    SeatStatus,
    SessionSeat,
    Ticket,
    TicketStatus,
    TicketType,
)

TARGET_TICKETS = 200  # the Day's, per unit of --scale
PAST_ATTENDEES = 20  # per past edition (their numbers start at PAST_NUMBERS + year × 100)
PAST_NUMBERS = 1_000_000
BATCH = 2000


def reference(number):
    """A stable 8-character reference for demo order `number` (letters of the reference alphabet)."""
    base = len(REFERENCE_ALPHABET)
    digits = []
    value = number + 7_777_777  # so demo references do not all start with the same letters
    for _ in range(7):
        value, digit = divmod(value, base)
        digits.append(REFERENCE_ALPHABET[digit])
    return "D" + "".join(reversed(digits))


def ensure_ticket_types(event, specs):
    """The event's demo ticket types, keyed by sort order."""
    types = []
    for order, spec in enumerate(specs):
        ticket_type, _ = TicketType.objects.update_or_create(
            event=event,
            sort_order=order,
            defaults={
                "name_vi": spec["vi"],
                "name_en": spec["en"],
                "description_vi": spec["description_vi"],
                "description_en": spec["description_en"],
                "price": spec["price"],
                "capacity": spec["capacity"],
                "max_per_order": 10 if not spec["approval"] else 3,
                "is_hidden": spec["hidden"],
                "requires_approval": spec["approval"],
            },
        )
        types.append(ticket_type)
    return types


def load(scale, rng, log):
    ticket_specs = read("registration", "ticket_types")
    people = read("registration", "attendees")
    account = read("registration", "bank_account")
    # Bank transfers (VietQR) beside cards: one site-wide receiving account.
    BankAccount.objects.get_or_create(event=None, defaults=account)
    now = timezone.now()
    load_past_attendees(ticket_specs, people, rng, now, log)
    events = list(
        EventPage.objects.filter(locale__language_code="vi", ends_at__gte=now).order_by("starts_at", "pk")
    )
    if not events:
        log("  no upcoming events: no demo registrations")
        return
    big_day = next((e for e in events if e.event_type == "digital_day"), events[0])
    type_sets = {}
    for event in events:
        kind = "digital_day" if event.pk == big_day.pk else "class"
        type_sets[event.pk] = ensure_ticket_types(event, ticket_specs[kind])
        RegistrationSettings.objects.get_or_create(event=event)
    # Big-day capacities grow with the scale so that every demo ticket fits.
    for ticket_type, spec in zip(type_sets[big_day.pk], ticket_specs["digital_day"], strict=True):
        if "capacity_per_scale" in spec:
            TicketType.objects.filter(pk=ticket_type.pk).update(
                capacity=spec["capacity_per_scale"] * scale + spec["capacity_base"]
            )
    plans = plan_orders(scale, rng, events, big_day, type_sets, people["order_states"])
    if not plans:
        existing = Order.objects.filter(reference__startswith="D").count()
        log(f"  demo registrations already present ({existing} orders)")
        return
    workshops = list(Session.objects.filter(event=big_day, requires_signup=True).order_by("starts_at", "pk"))
    paid = type_sets[big_day.pk][1]
    created_tickets = 0
    step = max(len(plans) // 10, 1)
    workshop_taken = {
        s.pk: SessionSeat.objects.filter(session=s, status=SeatStatus.CONFIRMED).count() for s in workshops
    }
    for start in range(0, len(plans), BATCH):
        chunk = plans[start : start + BATCH]
        orders = create_orders(chunk, rng, now)
        created_tickets += create_tickets(chunk, orders, people, rng)
        if workshops:
            book_workshops(chunk, workshops, workshop_taken, paid)
        done = min(start + BATCH, len(plans))
        if scale > 1 or done == len(plans):
            if done == len(plans) or done // step != (done - len(chunk)) // step:
                log(
                    f"  registrations: {done}/{len(plans)} orders, {created_tickets} tickets ({done * 100 // len(plans)}%)"
                )
    log(
        f"  {len(plans)} demo orders in every state, {created_tickets} tickets, {len(workshops)} workshops with seats"
    )


def load_past_attendees(ticket_specs, people, rng, now, log):
    """Attendees of the past editions, then retention as the daily task runs it: editions that ended
    more than PRIVACY_RETAIN_ATTENDEES_MONTHS ago keep their counts but no names (at least the oldest)."""
    past = EventPage.objects.filter(locale__language_code="vi", event_type="digital_day", ends_at__lt=now)
    for event in past.order_by("starts_at", "pk"):
        ticket_type = ensure_ticket_types(event, ticket_specs["digital_day"][:1])[0]
        start = PAST_NUMBERS + event.starts_at.year * 100
        existing = set(Order.objects.filter(event=event).values_list("reference", flat=True))
        chunk = [
            (number, reference(number), event, ticket_type, OrderStatus.CONFIRMED, 1)
            for number in range(start, start + PAST_ATTENDEES)
            if reference(number) not in existing
        ]
        if chunk:
            orders = create_orders(chunk, rng, event.starts_at - dt.timedelta(days=10))
            create_tickets(chunk, orders, people, rng)
    counts = services.apply_retention(now=now)
    log(f"  retention: {counts['tickets']} past attendees anonymised")


def plan_orders(scale, rng, events, big_day, type_sets, state_shares):
    """(number, reference, event, ticket type, state, size) for each demo order not in the database yet.

    Most orders are confirmed and every other state is present; one in ten is for a skills class,
    on top of the Day's TARGET_TICKETS × scale tickets."""
    general, paid, vip, _delegation = type_sets[big_day.pk]
    target = TARGET_TICKETS * scale
    existing = set(Order.objects.filter(reference__startswith="D").values_list("reference", flat=True))
    state_pool = [OrderStatus(state) for state, share in state_shares.items() for _ in range(share)]
    class_events = [e for e in events if e.pk != big_day.pk]
    plans = []
    tickets_planned = 0
    number = 0
    while tickets_planned < target:
        number += 1
        ref = reference(number)
        size = rng.choice([1, 1, 1, 1, 2, 3])
        state = state_pool[number % len(state_pool)] if number <= 100 else rng.choice(state_pool)
        event = big_day
        if class_events and number % 10 == 0:
            event = class_events[number % len(class_events)]
            size = 1
        else:
            tickets_planned += size
        if ref in existing:
            continue
        if event.pk != big_day.pk:
            ticket_type = type_sets[event.pk][0]
            if state in (OrderStatus.PENDING_PAYMENT, OrderStatus.PENDING_APPROVAL, OrderStatus.REFUNDED):
                state = OrderStatus.CONFIRMED
        elif state == OrderStatus.PENDING_APPROVAL:
            ticket_type = vip
        elif state in (OrderStatus.PENDING_PAYMENT, OrderStatus.REFUNDED) or number % 7 == 0:
            ticket_type = paid
        elif number % 23 == 0:
            ticket_type = vip
        else:
            ticket_type = general
        plans.append((number, ref, event, ticket_type, state, size))
    return plans


def create_orders(chunk, rng, now):
    """The chunk's orders (with their consent records), by reference."""
    policy = settings.PRIVACY_POLICY_VERSION
    orders = []
    for number, ref, event, ticket_type, state, size in chunk:
        created = now - dt.timedelta(hours=rng.randint(1, 24 * 40))
        holding = state in (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT)
        settled = state in (OrderStatus.CONFIRMED, OrderStatus.REFUNDED)
        total = ticket_type.price * size
        paid_at = created + dt.timedelta(minutes=5) if total and settled else None
        expires_at = None
        if holding:
            expires_at = now + dt.timedelta(minutes=25)
        elif state == OrderStatus.EXPIRED:
            expires_at = created + dt.timedelta(minutes=30)
        sharing = number % 3 != 0
        orders.append(
            Order(
                event=event,
                reference=ref,
                email=f"nguoi.tham.du.{number}@example.com",
                language="en" if number % 9 == 0 else "vi",
                status=state,
                total=total,
                created_at=created if not holding else now - dt.timedelta(minutes=5),
                expires_at=expires_at,
                confirmed_at=created + dt.timedelta(minutes=10) if settled else None,
                cancelled_at=created + dt.timedelta(days=1)
                if state in (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
                else None,
                consent_given_at=created,
                consent_policy_version=policy,
                share_with_exhibitors=sharing,
                share_consent_at=created if sharing else None,
                paid_at=paid_at,
                refunded_amount=total if state == OrderStatus.REFUNDED else 0,
                stripe_payment_intent=f"pi_demo_{ref}" if paid_at else "",
            )
        )
    Order.objects.bulk_create(orders, batch_size=500)
    orders = {o.reference: o for o in Order.objects.filter(reference__in=[p[1] for p in chunk])}
    consents = []
    for order in (orders[p[1]] for p in chunk):
        purposes = [ConsentPurpose.PROCESSING]
        if order.share_with_exhibitors:
            purposes.append(ConsentPurpose.SHARE_WITH_EXHIBITORS)
        consents += [
            Consent(order=order, purpose=purpose, policy_version=policy, given_at=order.consent_given_at)
            for purpose in purposes
        ]
    Consent.objects.bulk_create(consents, batch_size=1000)
    return orders


def create_tickets(chunk, orders, people, rng):
    family, middle, given = people["family"], people["middle"], people["given"]
    organisations, prefixes = people["organisations"], people["mobile_prefixes"]
    tickets = []
    for number, ref, _event, ticket_type, state, size in chunk:
        order = orders[ref]
        cancelled = state in (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
        for index in range(size):
            organisation = organisations[(number + index) % len(organisations)]
            name = f"{rng.choice(family)} {rng.choice(middle)} {rng.choice(given)}"
            greeted = ticket_type.requires_approval and index == 0 and number % 2
            tickets.append(
                Ticket(
                    order=order,
                    ticket_type=ticket_type,
                    secret=generate_secret(),
                    attendee_name=name,
                    email=order.email if index == 0 else people["colleague_email"].format(number=number, index=index),
                    phone=f"+84{rng.choice(prefixes)}{rng.randint(0, 9_999_999):07d}",
                    organisation=organisation["name"],
                    job_title=organisation["job_title"],
                    category=organisation["category"],
                    status=TicketStatus.CANCELLED if cancelled else TicketStatus.VALID,
                    share_with_exhibitors=order.share_with_exhibitors,
                    note_for_staff=people["note_for_staff"] if greeted else "",
                    price=ticket_type.price,
                    created_at=order.created_at,
                )
            )  # fmt: skip
    for ticket in tickets:  # bulk_create skips save(), which fills the search text
        ticket.search_text = ticket.build_search_text()
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    return len(tickets)


def book_workshops(chunk, workshops, taken, paid):
    """Workshop seats for the chunk's valid workshop passes: confirmed while places last, then waiting."""
    seats = []
    for ticket in Ticket.objects.filter(
        order__reference__in=[p[1] for p in chunk], ticket_type=paid, status=TicketStatus.VALID
    ).select_related("order"):
        session = workshops[ticket.pk % len(workshops)]
        confirmed = session.capacity is None or taken[session.pk] < session.capacity
        if ticket.order.status in (OrderStatus.CONFIRMED, OrderStatus.PENDING_PAYMENT) or confirmed:
            seats.append(
                SessionSeat(
                    ticket=ticket,
                    session=session,
                    status=SeatStatus.CONFIRMED if confirmed else SeatStatus.WAITING,
                    created_at=ticket.created_at,
                )
            )
            taken[session.pk] += 1 if confirmed else 0
    SessionSeat.objects.bulk_create(seats, batch_size=1000, ignore_conflicts=True)
