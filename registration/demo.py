"""Demo registrations: ticket types for upcoming events and about 200 attendees (× scale) in every state.

Idempotent: ticket types are keyed by (event, sort_order), orders by a reference derived from their
number, so a second run creates nothing new. Rows are written with bulk_create, so `--scale 100`
(about 20,000 tickets) takes seconds, with a progress line every tenth.
"""

import datetime as dt

from django.utils import timezone

from .codes import REFERENCE_ALPHABET, generate_secret
from .models import (
    PRIVACY_POLICY_VERSION,
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

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Thu", "Đức", "Bảo", "Gia", "Hải"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hạnh", "Hiếu", "Hoa", "Huy", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Ngân", "Phong", "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Trung",
         "Tuấn", "Vy", "Yến"]  # fmt: skip
ORGANISATIONS = [
    ("Sở Khoa học và Công nghệ Đà Nẵng", "government", "Chuyên viên"),
    ("UBND phường Hải Châu", "government", "Cán bộ một cửa"),
    ("Công ty Cổ phần Phần mềm Sông Hàn", "business", "Giám đốc kỹ thuật"),
    ("Công ty TNHH Giải pháp Số Miền Trung", "business", "Trưởng phòng kinh doanh"),
    ("Hợp tác xã Nông nghiệp số Hòa Vang", "business", "Chủ nhiệm"),
    ("Trường Đại học Bách khoa – Đại học Đà Nẵng", "student", "Sinh viên"),
    ("Trường Đại học Kinh tế – Đại học Đà Nẵng", "student", "Sinh viên"),
    ("Báo Đà Nẵng", "press", "Phóng viên"),
    ("", "citizen", ""),
    ("", "citizen", ""),
    ("Korea IT Business Center", "international_guest", "Manager"),
]
# Order states and their shares of the demo: most confirmed, every other state present.
STATES = [
    (OrderStatus.CONFIRMED, 70),
    (OrderStatus.PENDING_EMAIL, 5),
    (OrderStatus.PENDING_PAYMENT, 5),
    (OrderStatus.PENDING_APPROVAL, 5),
    (OrderStatus.CANCELLED, 5),
    (OrderStatus.EXPIRED, 5),
    (OrderStatus.REFUNDED, 5),
]
MOBILE_PREFIXES = [
    "90",
    "91",
    "93",
    "94",
    "97",
    "98",
    "32",
    "35",
    "37",
    "70",
    "77",
    "79",
    "83",
    "85",
    "88",
    "56",
]


def _reference(number):
    """A stable 8-character reference for demo order `number` (letters of the reference alphabet)."""
    base = len(REFERENCE_ALPHABET)
    digits = []
    value = number + 7_777_777  # so demo references do not all start with the same letters
    for _ in range(7):
        value, digit = divmod(value, base)
        digits.append(REFERENCE_ALPHABET[digit])
    return "D" + "".join(reversed(digits))


def ensure_ticket_types(event, kind):
    """The event's demo ticket types, keyed by sort order."""
    specs = []
    if kind == "digital_day":
        specs = [
            (0, "Vé tham dự tự do", "General admission", 0, None, False, False,
             "Vào khu triển lãm Make in DaNang và hội trường chính.", "Entry to the Make in DaNang showcase and the main hall."),
            (1, "Vé hội thảo chuyên đề", "Workshop pass", 500_000, None, False, False,
             "Tham gia các hội thảo chuyên đề có giới hạn chỗ, kèm tài liệu và tiệc trà.",
             "Admission to the limited-place workshops, with materials and tea break."),
            (2, "Khách mời VIP / Đoàn đại biểu", "VIP / delegation", 0, None, False, True,
             "Dành cho đại biểu, khách mời và báo chí; Ban tổ chức duyệt từng đăng ký.",
             "For officials, invited guests and press; each registration is approved by the organisers."),
            (3, "Đoàn doanh nghiệp Quảng Nam", "Quang Nam business delegation", 0, 50, True, False,
             "Suất dành riêng cho đoàn doanh nghiệp khu vực Tam Kỳ – Hội An (qua đường dẫn mời).",
             "Reserved places for the Tam Ky – Hoi An business delegation (invitation link)."),
        ]  # fmt: skip
    else:
        specs = [
            (0, "Vé tham dự lớp học", "Class admission", 0, 30, False, False,
             "Miễn phí cho người dân; mang theo điện thoại và căn cước công dân.",
             "Free for citizens; bring your phone and citizen ID card."),
        ]  # fmt: skip
    types = []
    for order, name_vi, name_en, price, capacity, hidden, approval, desc_vi, desc_en in specs:
        ticket_type, _ = TicketType.objects.update_or_create(
            event=event,
            sort_order=order,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "description_vi": desc_vi,
                "description_en": desc_en,
                "price": price,
                "capacity": capacity,
                "max_per_order": 10 if not approval else 3,
                "is_hidden": hidden,
                "requires_approval": approval,
            },
        )
        types.append(ticket_type)
    return types


def load(scale, rng, log):
    from events.models import EventPage, Session

    now = timezone.now()
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
        type_sets[event.pk] = ensure_ticket_types(event, kind)
        RegistrationSettings.objects.get_or_create(event=event)
    general, paid, vip, _delegation = type_sets[big_day.pk]
    # Big-day capacities grow with the scale so that every demo ticket fits.
    TicketType.objects.filter(pk=general.pk).update(capacity=250 * scale + 3000)
    TicketType.objects.filter(pk=paid.pk).update(capacity=60 * scale + 200)
    TicketType.objects.filter(pk=vip.pk).update(capacity=20 * scale + 60)

    workshops = list(Session.objects.filter(event=big_day, requires_signup=True).order_by("starts_at", "pk"))
    target = 200 * scale
    existing = set(Order.objects.filter(reference__startswith="D").values_list("reference", flat=True))
    state_pool = [state for state, share in STATES for _ in range(share)]
    class_events = [e for e in events if e.pk != big_day.pk]

    plans = []
    tickets_planned = 0
    number = 0
    while tickets_planned < target:
        number += 1
        reference = _reference(number)
        size = rng.choice([1, 1, 1, 1, 2, 3])
        state = state_pool[number % len(state_pool)] if number <= 100 else rng.choice(state_pool)
        if class_events and number % 10 == 0:
            event, ticket_type = class_events[number % len(class_events)], None
            size = 1
        else:
            event = big_day
            ticket_type = None
        tickets_planned += size
        if reference in existing:
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
        plans.append((number, reference, event, ticket_type, state, size))
    if not plans:
        log(f"  demo registrations already present ({len(existing)} orders)")
        return

    created_tickets = 0
    batch = 2000
    step = max(len(plans) // 10, 1)
    workshop_taken = {
        s.pk: SessionSeat.objects.filter(session=s, status=SeatStatus.CONFIRMED).count() for s in workshops
    }
    for start in range(0, len(plans), batch):
        chunk = plans[start : start + batch]
        orders = []
        for number, reference, event, ticket_type, state, size in chunk:
            created = now - dt.timedelta(hours=rng.randint(1, 24 * 40))
            holding = state in (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT)
            language = "en" if number % 9 == 0 else "vi"
            total = ticket_type.price * size
            paid_at = (
                created + dt.timedelta(minutes=5)
                if total and state in (OrderStatus.CONFIRMED, OrderStatus.REFUNDED)
                else None
            )
            orders.append(
                Order(
                    event=event,
                    reference=reference,
                    email=f"nguoi.tham.du.{number}@example.com",
                    language=language,
                    status=state,
                    total=total,
                    created_at=created if not holding else now - dt.timedelta(minutes=5),
                    expires_at=now + dt.timedelta(minutes=25) if holding else (created + dt.timedelta(minutes=30) if state == OrderStatus.EXPIRED else None),
                    confirmed_at=created + dt.timedelta(minutes=10) if state in (OrderStatus.CONFIRMED, OrderStatus.REFUNDED) else None,
                    cancelled_at=created + dt.timedelta(days=1) if state in (OrderStatus.CANCELLED, OrderStatus.REFUNDED) else None,
                    consent_given_at=created,
                    consent_policy_version=PRIVACY_POLICY_VERSION,
                    share_with_exhibitors=number % 3 != 0,
                    share_consent_at=created if number % 3 != 0 else None,
                    paid_at=paid_at,
                    refunded_amount=total if state == OrderStatus.REFUNDED else 0,
                    stripe_payment_intent=f"pi_demo_{reference}" if paid_at else "",
                )
            )  # fmt: skip
        Order.objects.bulk_create(orders, batch_size=500)
        orders = {o.reference: o for o in Order.objects.filter(reference__in=[p[1] for p in chunk])}
        tickets, consents = [], []
        for number, reference, _event, ticket_type, state, size in chunk:
            order = orders[reference]
            consents.append(
                Consent(
                    order=order,
                    purpose=ConsentPurpose.PROCESSING,
                    policy_version=PRIVACY_POLICY_VERSION,
                    given_at=order.consent_given_at,
                )
            )
            if order.share_with_exhibitors:
                consents.append(
                    Consent(
                        order=order,
                        purpose=ConsentPurpose.SHARE_WITH_EXHIBITORS,
                        policy_version=PRIVACY_POLICY_VERSION,
                        given_at=order.consent_given_at,
                    )
                )
            for index in range(size):
                organisation, category, job = ORGANISATIONS[(number + index) % len(ORGANISATIONS)]
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                tickets.append(
                    Ticket(
                        order=order,
                        ticket_type=ticket_type,
                        secret=generate_secret(),
                        attendee_name=name,
                        email=order.email if index == 0 else f"dong.nghiep.{number}.{index}@example.com",
                        phone=f"+84{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}",
                        organisation=organisation,
                        job_title=job,
                        category=category,
                        status=TicketStatus.CANCELLED if state in (OrderStatus.CANCELLED, OrderStatus.REFUNDED) else TicketStatus.VALID,
                        share_with_exhibitors=order.share_with_exhibitors,
                        note_for_staff="Khách mời phát biểu – đón tại cửa A" if ticket_type.requires_approval and index == 0 and number % 2 else "",
                        price=ticket_type.price,
                        created_at=order.created_at,
                    )
                )  # fmt: skip
        for ticket in tickets:  # bulk_create skips save(), which fills the search text
            ticket.search_text = ticket.build_search_text()
        Consent.objects.bulk_create(consents, batch_size=1000)
        Ticket.objects.bulk_create(tickets, batch_size=1000)
        seats = []
        if workshops:
            for ticket in Ticket.objects.filter(
                order__reference__in=[p[1] for p in chunk], ticket_type=paid, status=TicketStatus.VALID
            ).select_related("order"):
                session = workshops[ticket.pk % len(workshops)]
                taken = workshop_taken[session.pk]
                confirmed = session.capacity is None or taken < session.capacity
                if ticket.order.status in (OrderStatus.CONFIRMED, OrderStatus.PENDING_PAYMENT) or confirmed:
                    seats.append(
                        SessionSeat(
                            ticket=ticket,
                            session=session,
                            status=SeatStatus.CONFIRMED if confirmed else SeatStatus.WAITING,
                            created_at=ticket.created_at,
                        )
                    )
                    workshop_taken[session.pk] += 1 if confirmed else 0
            SessionSeat.objects.bulk_create(seats, batch_size=1000, ignore_conflicts=True)
        created_tickets += len(tickets)
        done = min(start + batch, len(plans))
        if scale > 1 or done == len(plans):
            if done == len(plans) or done // step != (done - len(chunk)) // step:
                log(
                    f"  registrations: {done}/{len(plans)} orders, {created_tickets} tickets ({done * 100 // len(plans)}%)"
                )
    log(
        f"  {len(plans)} demo orders in every state, {created_tickets} tickets, {len(workshops)} workshops with seats"
    )
