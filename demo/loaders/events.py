"""Demo programme: the next Digital Transformation Day, the editions before it, and digital-skills classes.

Data: demo/data/events/. Dates are computed from today. Idempotent: rows are found by stable keys
(slugs) and updated; a second run creates nothing new. `scale` multiplies the parallel rooms, sessions
and speakers (benchmarks) up to the size of a big Day: 17 rooms, about 300 sessions and 300 speakers
from `--scale 4` on (the agenda a benchmark must render).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.text import fold
from demo.dates import TZ, at, next_digital_day
from demo.files import read
from events.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Speaker, Track

# The biggest programme `--scale` makes: 2 days × (4 plenary + 9 slots × 16 rooms) ≈ 300 sessions.
MAX_ROOMS = 17
MAX_SPEAKERS = 300
LEVELS = ["all", "beginner", "intermediate", "advanced"]


def load(scale, rng, log):
    # Sessions hold no references that the admin's "usage" view needs; indexing each save is most of the cost.
    with disable_reference_index_auto_update():
        editions = read("events", "editions")
        programme = read("events", "programme")
        classes = read("events", "classes")
        index, en = ensure_index(editions["index"], log)
        today = timezone.localdate(timezone=TZ)
        speakers = make_speakers(read("events", "speakers"), min(30 * scale, MAX_SPEAKERS))
        totals = build_digital_days(index, en, editions, programme, speakers, scale, today)
        build_classes(index, en, classes, speakers, today)
        # Demo dates move with the calendar: that is not a schedule change attendees need flagged.
        Session.objects.filter(event__in=EventPage.objects.child_of(index)).update(changed_at=None)
    log(f"  {len(totals)} Digital Transformation Days ({', '.join(map(str, totals))} sessions), "
        f"{len(classes['classes'])} skills classes, {len(speakers)} speakers")  # fmt: skip


def ensure_index(data, log):
    Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(slug=data["slug"], locale=home.locale, **data["vi"]))
        index.save_revision().publish()
        log("  events index created")
    if not index.get_translations().filter(locale=en).exists():
        index_en = index.copy_for_translation(en, copy_parents=True)
        index_en.slug = data["slug_en"]
        for name, value in data["en"].items():
            setattr(index_en, name, value)
        index_en.save_revision().publish()
    return index, en


def upsert_event(index, en, slug, vi_fields, en_fields):
    """Create or update a vi event page and its en translation; publish only what changed."""
    page = EventPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=EventPage(slug=slug, locale=index.locale, **vi_fields))
        page.save_revision().publish()
    elif differs(page, vi_fields):
        for name, value in vi_fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    translated = page.get_translations().filter(locale=en).first()
    shared = {k: v for k, v in vi_fields.items() if k not in en_fields}
    wanted = {**shared, **en_fields}
    if translated is None:
        translated = page.copy_for_translation(en, copy_parents=True)
        for name, value in wanted.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
    else:
        translated = translated.specific
        if differs(translated, wanted):
            for name, value in wanted.items():
                setattr(translated, name, value)
            translated.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def differs(obj, fields):
    return any(getattr(obj, name) != value for name, value in fields.items())


def make_speakers(data, count):
    family, middle, given = data["family"], data["middle"], data["given"]
    speakers = []
    for i in range(count):
        name = f"{family[i % len(family)]} {middle[(i // len(family)) % len(middle)]} {given[(i * 7) % len(given)]}"
        slug = slugify(fold(name))
        if i >= len(family) * len(middle):
            slug = f"{slug}-{i}"
        role = data["roles"][i % len(data["roles"])]
        field = data["fields"][i % len(data["fields"])]
        about = {"name": name, "years": 8 + i % 15, "organisation": role["organisation"]}
        speaker, _ = Speaker.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "job_title_vi": role["vi"],
                "job_title_en": role["en"],
                "organisation": role["organisation"],
                "bio_vi": data["bio"]["vi"].format(**about, field=field["vi"], role=role["vi"].lower()),
                "bio_en": data["bio"]["en"].format(**about, field=field["en"], role=role["en"]),
            },
        )
        speakers.append(speaker)
    return speakers


def upsert_session(event, slug, **fields):
    speakers = fields.pop("speakers", [])
    session, _ = Session.objects.update_or_create(event=event, slug=slug, defaults=fields)
    current = list(session.speaker_links.order_by("sort_order").values_list("speaker_id", flat=True))
    if current != [s.pk for s in speakers]:
        session.speaker_links.all().delete()
        for order, speaker in enumerate(speakers):
            SessionSpeaker.objects.create(session=session, speaker=speaker, sort_order=order)
    return session


def build_digital_days(index, en, data, programme, speakers, scale, today):
    """The upcoming Day (two days, rooms by scale) and the editions before it; sessions per edition."""
    big_day = next_digital_day(today)
    editions = [(big_day, True)] + [
        (date(big_day.year - k, 10, 10), False) for k in range(1, data["past_editions"] + 1)
    ]
    totals = []
    for day, upcoming in editions:
        year = day.year
        edition = year - data["first_year"] + 1
        slug = data["slug"].format(year=year)
        days = [day + timedelta(days=n) for n in range(data["upcoming_days"])] if upcoming else [day]
        vi = {
            "title": data["vi"]["title"].format(year=year),
            "summary": data["vi"]["summary"],
            "event_type": "digital_day",
            "starts_at": at(days[0], data["starts"]),
            "ends_at": at(days[-1], data["ends"]),
            "venue_name": data["vi"]["venue_name"],
            "venue_address": data["vi"]["venue_address"],
            "map_url": data["vi"]["map_url"],
            "organiser": data["vi"]["organiser"],
            # Open already (at most 60 days ahead is the real rule, but the demo must be usable today).
            "registration_opens_at": at(
                min(days[0] - timedelta(days=60), today - timedelta(days=7)), data["registration_opens"]
            )
            if upcoming
            else None,
            "registration_closes_at": at(days[0] - timedelta(days=1), data["registration_closes"])
            if upcoming
            else None,
        }
        if edition > 0:
            vi["summary"] += data["vi"]["edition"].format(edition=edition)
        en_fields = {**data["en"], "title": data["en"]["title"].format(year=year), "slug": slug}
        event = upsert_event(index, en, slug, vi, en_fields)
        rooms = min(5 * scale, MAX_ROOMS) if upcoming else 4
        totals.append(build_programme(event, programme, days, speakers, rooms, rich=upcoming, year=year))
    return totals


def build_programme(event, data, days, speakers, parallel_rooms, rich, year):
    """Rooms, tracks and sessions for a Digital Transformation Day of `len(days)` days."""
    hall = Room.objects.update_or_create(
        event=event,
        sort_order=0,
        defaults={"name_vi": data["hall"]["vi"], "name_en": data["hall"]["en"], "capacity": data["hall"]["capacity"]},
    )[0]  # fmt: skip
    rooms = [hall]
    for n in range(1, parallel_rooms):
        number = {"floor": 2 + (n - 1) // 4, "number": (n - 1) % 4 + 1}
        rooms.append(
            Room.objects.update_or_create(
                event=event,
                sort_order=n,
                defaults={"name_vi": data["room"]["vi"].format(**number),
                          "name_en": data["room"]["en"].format(**number),
                          "capacity": data["room"]["capacity"]},
            )[0]
        )  # fmt: skip
    tracks = {}
    for order, track in enumerate(data["tracks"]):
        tracks[track["key"]] = Track.objects.update_or_create(
            event=event,
            sort_order=order,
            defaults={"name_vi": track["vi"], "name_en": track["en"], "colour": track["colour"]},
        )[0]
    keep = set()
    pool = len(speakers)
    counter = 0
    minutes = timedelta(minutes=data["session_minutes"])
    slots = data["slots"] if rich else data["slots"][: data["past_edition_slots"]]
    for day_index, day in enumerate(days):
        for plenary in data["plenary"]:
            if plenary.get("days") == ("later" if day_index == 0 else "first"):
                continue
            kind = plenary["type"]
            slug = f"{plenary['key']}-ngay-{day_index + 1}"
            chosen = [speakers[(day_index * 3 + k) % pool] for k in range(2)] if kind != "break" else []
            upsert_session(
                event,
                slug,
                title_vi=plenary["vi"],
                title_en=plenary["en"],
                session_type=kind,
                starts_at=at(day, plenary["starts"]),
                ends_at=at(day, plenary["ends"]),
                room=hall if plenary["in_hall"] else None,
                track=None,
                language="vi",
                abstract_vi="" if kind == "break" else data["plenary_abstract"]["vi"],
                abstract_en="" if kind == "break" else data["plenary_abstract"]["en"],
                is_featured=kind != "break",
                speakers=chosen,
            )
            keep.add(slug)
        for slot_index, clock in enumerate(slots):
            starts = at(day, clock)
            for room_index, room in enumerate(rooms[1:] if len(rooms) > 1 else rooms):
                track = data["tracks"][room_index % len(data["tracks"])]
                topics = data["topics"][track["key"]]
                topic_index = (day_index * len(slots) + slot_index) + (room_index // len(data["tracks"])) * 7
                topic = topics[topic_index % len(topics)]
                title_vi, title_en, kind = topic["vi"], topic["en"], topic["type"]
                part = topic_index // len(topics)
                if part:
                    title_vi = data["part"]["vi"].format(title=title_vi, part=part + 1)
                    title_en = data["part"]["en"].format(title=title_en, part=part + 1)
                if kind == "product_launch":
                    title_vi = title_vi.replace("2027", str(year))
                    title_en = title_en.replace("2027", str(year))
                slug = f"{slugify(fold(title_en))[:60]}-{day_index + 1}-{slot_index + 1}-{room_index + 1}"
                first = (slot_index * len(rooms) * 3 + room_index * 3 + day_index * 5) % pool
                n_speakers = 3 if kind == "panel" else (2 if counter % 3 == 0 else 1)
                chosen = []
                for k in range(n_speakers):
                    candidate = speakers[(first + k) % pool]
                    if candidate not in chosen:
                        chosen.append(candidate)
                counter += 1
                track_row = tracks[track["key"]]
                upsert_session(
                    event,
                    slug,
                    title_vi=title_vi,
                    title_en=title_en,
                    session_type=kind,
                    starts_at=starts,
                    ends_at=starts + minutes,
                    room=room,
                    track=track_row,
                    language=topic["language"],
                    level=LEVELS[counter % len(LEVELS)],
                    abstract_vi=data["abstract"]["vi"].format(
                        title=title_vi.lower(), track=track_row.name_vi
                    ),
                    abstract_en=data["abstract"]["en"].format(title=title_en, track=track_row.name_en),
                    capacity=data["workshop_capacity"] if kind == "workshop" else None,
                    requires_signup=kind == "workshop",
                    is_featured=kind == "product_launch" and day_index == 0,
                    slides_url=data["slides_url"] + slug if not rich else "",
                    speakers=chosen,
                )
                keep.add(slug)
    Session.objects.filter(event=event).exclude(slug__in=keep).delete()
    return len(keep)


def build_classes(index, en, data, speakers, today):
    """Digital-skills classes, one already held and three in the coming weeks: one hands-on session each,
    a trainer from the speakers."""
    for spec in data["classes"]:
        day = today + timedelta(days=spec["days_from_today"])
        vi, en_text = spec["vi"], spec["en"]
        event = upsert_event(
            index,
            en,
            spec["slug"],
            {
                "title": vi["title"],
                "summary": vi["summary"],
                "event_type": "skills_class",
                "starts_at": at(day, data["starts"]),
                "ends_at": at(day, data["ends"]),
                "venue_name": spec["venue"],
                "venue_address": data["venue_address"],
                "organiser": data["organiser"],
                # Admitted attendees get a certificate once the class is over (certificates app).
                "certifying": True,
                "certificate_hours": Decimal(data["certificate_hours"]),
                "registration_opens_at": None,
                "registration_closes_at": at(day - timedelta(days=1), data["registration_closes"]),
            },
            {"title": en_text["title"], "summary": en_text["summary"], "slug": spec["slug"]},
        )
        room = Room.objects.update_or_create(
            event=event,
            sort_order=0,
            defaults={"name_vi": vi["room"], "name_en": en_text["room"], "capacity": data["capacity"]},
        )[0]
        trainer = speakers[len(data["classes"]) + spec["days_from_today"] % len(speakers)]
        session = data["session"]
        upsert_session(
            event,
            session["slug"],
            title_vi=session["vi"].format(topic=vi["title"].split(": ", 1)[1].capitalize()),
            title_en=session["en"].format(topic=en_text["title"].split(": ", 1)[1].capitalize()),
            session_type="workshop",
            starts_at=at(day, data["starts"]),
            ends_at=at(day, data["ends"]),
            room=room,
            language="vi",
            level="beginner",
            abstract_vi=session["abstract_vi"].format(summary=vi["summary"]),
            abstract_en=session["abstract_en"].format(summary=en_text["summary"]),
            capacity=data["capacity"],
            requires_signup=True,
            speakers=[trainer],
        )
