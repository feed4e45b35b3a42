"""Demo programme: the next Digital Transformation Day, the two before it, and digital-skills classes.

Dates are computed from the day `load_demo` runs, so the demo never goes stale. Idempotent: rows are
found by stable keys (slugs) and updated; a second run creates nothing new. `scale` multiplies the
parallel rooms, sessions and speakers (benchmarks) up to the size of a big Day: 17 rooms, about 300
sessions and 300 speakers from `--scale 4` on (the agenda a benchmark must render).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.text import fold
from events.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Speaker, Track

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Vũ"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu", "Thanh", "Gia"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tú",
         "Uyên", "Việt", "Vy", "Yến", "Đạt"]  # fmt: skip
ROLES = [
    ("Giám đốc", "Director", "Sở Khoa học và Công nghệ Đà Nẵng"),
    ("Phó Giám đốc", "Deputy Director", "Trung tâm Giám sát, điều hành đô thị thông minh (IOC Đà Nẵng)"),
    ("Trưởng phòng Chuyển đổi số", "Head of Digital Transformation", "Sở Khoa học và Công nghệ Đà Nẵng"),
    ("Tổng Giám đốc", "CEO", "Công ty Cổ phần Phần mềm Sông Hàn"),
    ("Giám đốc Công nghệ", "CTO", "FinViet Đà Nẵng"),
    ("Nhà sáng lập", "Founder", "AgriSense Quảng Nam"),
    ("Giảng viên", "Lecturer", "Đại học Bách khoa – Đại học Đà Nẵng"),
    ("Trưởng khoa", "Dean", "Trường Đại học Kinh tế – Đại học Đà Nẵng"),
    ("Chuyên gia an toàn thông tin", "Cybersecurity expert", "Trung tâm An toàn thông tin Đà Nẵng"),
    ("Giám đốc sản phẩm", "Head of Product", "Hội An Travel Tech"),
    ("Chủ tịch", "Chair", "Hội Doanh nghiệp Công nghệ thông tin Đà Nẵng"),
    ("Kỹ sư trưởng", "Principal Engineer", "Công ty Bán dẫn Miền Trung"),
]
FIELDS = [
    ("chính quyền số và dịch vụ công trực tuyến", "digital government and online public services"),
    ("thanh toán số và tài chính toàn diện", "digital payments and inclusive finance"),
    ("dữ liệu mở và trí tuệ nhân tạo", "open data and artificial intelligence"),
    ("nông nghiệp và thủy sản thông minh", "smart farming and fisheries"),
    ("du lịch thông minh", "smart tourism"),
    ("an toàn thông tin và bảo vệ dữ liệu cá nhân", "cybersecurity and personal data protection"),
    ("giáo dục số", "digital education"),
    ("vi mạch và IoT", "semiconductors and IoT"),
]

TRACKS = [
    ("chinh-quyen-so", "Chính quyền số", "Digital government", "#0b4ea2"),
    ("kinh-te-so", "Kinh tế số", "Digital economy", "#8a3b12"),
    ("xa-hoi-so", "Xã hội số", "Digital society", "#17692f"),
    ("make-in-danang", "Make in DaNang", "Make in DaNang", "#7a1f6b"),
]

# (vi, en, type, language) per track; reused with a part number when `scale` asks for more.
TOPICS = {
    "chinh-quyen-so": [
        (
            "Dịch vụ công trực tuyến toàn trình: kết quả và bài học",
            "End-to-end online public services: results and lessons",
            "talk",
            "vi",
        ),
        ("Trung tâm IOC: điều hành đô thị bằng dữ liệu", "The IOC: running the city on data", "demo", "vi"),
        (
            "Chính quyền hai cấp và hồ sơ điện tử liên thông",
            "Two-level local government and connected e-records",
            "talk",
            "vi",
        ),
        (
            "Tổng đài 1022: lắng nghe người dân mọi kênh",
            "Hotline 1022: listening to citizens on every channel",
            "talk",
            "vi",
        ),
        ("Dữ liệu dân cư phục vụ người dân", "Population data that serves the people", "panel", "vi"),
        ("Chữ ký số cho mọi người dân", "Digital signatures for every citizen", "workshop", "vi"),
        ("Đô thị thông minh: kinh nghiệm quốc tế", "Smart cities: international experience", "talk", "en"),
        (
            "Người dân tham gia xây dựng chính sách trực tuyến",
            "Citizens shaping policy online",
            "panel",
            "both",
        ),
        ("Camera AI và giao thông an toàn", "AI cameras and road safety", "demo", "vi"),
        ("Chuyển đổi số cấp phường, xã", "Digital transformation in wards and communes", "talk", "vi"),
    ],
    "kinh-te-so": [
        (
            "Thanh toán không dùng tiền mặt ở chợ truyền thống",
            "Cashless payments in traditional markets",
            "talk",
            "vi",
        ),
        (
            "Thương mại điện tử cho đặc sản miền Trung",
            "E-commerce for Central Vietnam specialties",
            "workshop",
            "vi",
        ),
        (
            "Logistics số cho cảng Tiên Sa và Liên Chiểu",
            "Digital logistics for Tien Sa and Lien Chieu ports",
            "talk",
            "vi",
        ),
        ("Đầu tư mạo hiểm vào startup Đà Nẵng", "Venture capital for Da Nang startups", "panel", "en"),
        (
            "Du lịch thông minh: từ vé điện tử đến bản đồ số",
            "Smart tourism: from e-tickets to digital maps",
            "talk",
            "both",
        ),
        (
            "Doanh nghiệp nhỏ chuyển đổi số với chi phí thấp",
            "Low-cost digital transformation for small firms",
            "workshop",
            "vi",
        ),
        (
            "Vi mạch bán dẫn: cơ hội cho miền Trung",
            "Semiconductors: an opportunity for Central Vietnam",
            "talk",
            "en",
        ),
        ("Fintech và tài chính toàn diện", "Fintech and inclusive finance", "panel", "vi"),
        ("Hóa đơn điện tử và thuế số", "E-invoices and digital tax", "talk", "vi"),
        ("Khu công nghệ cao và thu hút nhân lực số", "The high-tech park and digital talent", "talk", "vi"),
    ],
    "xa-hoi-so": [
        ("Kỹ năng số cho người cao tuổi", "Digital skills for older people", "workshop", "vi"),
        (
            "Bảo vệ dữ liệu cá nhân theo Luật 2025",
            "Protecting personal data under the 2025 law",
            "talk",
            "vi",
        ),
        ("Nhận diện lừa đảo trực tuyến", "Spotting online scams", "workshop", "vi"),
        ("Y tế số: sổ sức khỏe điện tử", "Digital health: the electronic health record", "talk", "vi"),
        ("Trường học số và học liệu mở", "Digital schools and open learning materials", "panel", "vi"),
        ("Phụ nữ trong ngành công nghệ", "Women in tech", "panel", "en"),
        ("Tổ công nghệ số cộng đồng", "Community digital technology teams", "talk", "vi"),
        (
            "Truy cập số cho người khuyết tật",
            "Digital accessibility for people with disabilities",
            "talk",
            "both",
        ),
        ("An toàn cho trẻ em trên mạng", "Keeping children safe online", "workshop", "vi"),
        ("Báo chí và chuyển đổi số", "Journalism and digital transformation", "talk", "vi"),
    ],
    "make-in-danang": [
        ("Ra mắt sản phẩm Make in DaNang 2027", "Make in DaNang product launch", "product_launch", "vi"),
        ("Nền tảng nông nghiệp thông minh AgriSense", "AgriSense smart farming platform", "demo", "vi"),
        ("Ứng dụng Danang Smart City thế hệ mới", "The next Danang Smart City app", "product_launch", "vi"),
        ("Chatbot hành chính công tiếng Việt", "A Vietnamese public-service chatbot", "demo", "vi"),
        ("Thiết bị IoT giám sát nuôi trồng thủy sản", "IoT sensors for aquaculture", "demo", "vi"),
        (
            "Từ ý tưởng đến sản phẩm: câu chuyện startup",
            "From idea to product: startup stories",
            "panel",
            "both",
        ),
        ("Nền tảng đặt tour thông minh cho Hội An", "Smart tour booking for Hoi An", "product_launch", "vi"),
        ("Phần mềm quản lý bệnh viện mã nguồn mở", "Open-source hospital software", "demo", "en"),
        ("Robot giao hàng trong khuôn viên đại học", "Delivery robots on campus", "demo", "vi"),
        ("Giải thưởng sản phẩm số xuất sắc", "Awards for outstanding digital products", "ceremony", "vi"),
    ],
}


def next_digital_day(today):
    """The next 10 October strictly after today."""
    candidate = date(today.year, 10, 10)
    return candidate if candidate > today else date(today.year + 1, 10, 10)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), TZ)


def ensure_index(log):
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Sự kiện",
                slug="su-kien",
                locale=home.locale,
                intro="Ngày Chuyển đổi số, hội thảo, tọa đàm và lớp phổ cập kỹ năng số do thành phố tổ chức quanh năm.",
            )
        )
        index.save_revision().publish()
        log("  events index created")
    if not index.get_translations().filter(locale=en).exists():
        index_en = index.copy_for_translation(en, copy_parents=True)
        index_en.title = "Events"
        index_en.slug = "events"
        index_en.intro = "Digital Transformation Day, conferences, seminars and digital-skills classes the city runs all year."
        index_en.save_revision().publish()
    return index, en


def upsert_event(index, en, slug, vi_fields, en_fields):
    """Create or update a vi event page and its en translation; publish only what changed."""
    page = EventPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=EventPage(slug=slug, locale=index.locale, **vi_fields))
        page.save_revision().publish()
    elif _differs(page, vi_fields):
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
        if _differs(translated, wanted):
            for name, value in wanted.items():
                setattr(translated, name, value)
            translated.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def _differs(obj, fields):
    return any(getattr(obj, name) != value for name, value in fields.items())


# The biggest programme `--scale` makes: 2 days × (4 plenary + 9 slots × 16 rooms) ≈ 300 sessions.
MAX_ROOMS = 17
MAX_SPEAKERS = 300


def make_speakers(count):
    speakers = []
    for i in range(count):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // len(FAMILY)) % len(MIDDLE)]} {GIVEN[(i * 7) % len(GIVEN)]}"
        slug = slugify(fold(name))
        if i >= len(FAMILY) * len(MIDDLE):
            slug = f"{slug}-{i}"
        role_vi, role_en, organisation = ROLES[i % len(ROLES)]
        field_vi, field_en = FIELDS[i % len(FIELDS)]
        years = 8 + i % 15
        speaker, _ = Speaker.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "job_title_vi": role_vi,
                "job_title_en": role_en,
                "organisation": organisation,
                "bio_vi": f"{name} có {years} năm kinh nghiệm trong lĩnh vực {field_vi}. "
                f"Hiện là {role_vi.lower()} tại {organisation}, tham gia nhiều dự án chuyển đổi số của thành phố.",
                "bio_en": f"{name} has {years} years of experience in {field_en}. "
                f"Now {role_en} at {organisation}, working on many of the city's digital transformation projects.",
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


def build_programme(event, days, speakers, parallel_rooms, rich=True, year=None):
    """Rooms, tracks and sessions for a Digital Transformation Day of `len(days)` days."""
    hall = Room.objects.update_or_create(
        event=event,
        sort_order=0,
        defaults={"name_vi": "Hội trường A", "name_en": "Main Hall A", "capacity": 800},
    )[0]
    rooms = [hall]
    for n in range(1, parallel_rooms):
        rooms.append(
            Room.objects.update_or_create(
                event=event,
                sort_order=n,
                defaults={"name_vi": f"Phòng {2 + (n - 1) // 4}.{(n - 1) % 4 + 1}",
                          "name_en": f"Room {2 + (n - 1) // 4}.{(n - 1) % 4 + 1}",
                          "capacity": 120},
            )[0]
        )  # fmt: skip
    tracks = {}
    for order, (key, name_vi, name_en, colour) in enumerate(TRACKS):
        tracks[key] = Track.objects.update_or_create(
            event=event, sort_order=order, defaults={"name_vi": name_vi, "name_en": name_en, "colour": colour}
        )[0]
    keep = set()
    pool = len(speakers)
    counter = 0
    for day_index, day in enumerate(days):
        plenary = [
            ("don-khach", "Đón khách và nhận thẻ", "Registration and badges", "break", at(day, 7, 30), at(day, 8, 15), None),
            ("khai-mac" if day_index == 0 else "phat-bieu-chinh",
             "Khai mạc Ngày Chuyển đổi số" if day_index == 0 else "Phát biểu chính: Đà Nẵng – thành phố số",
             "Opening of Digital Transformation Day" if day_index == 0 else "Keynote: Da Nang, a digital city",
             "ceremony" if day_index == 0 else "keynote", at(day, 8, 15), at(day, 9, 15), hall),
            ("giai-lao-sang", "Giải lao", "Coffee break", "break", at(day, 10, 45), at(day, 11, 0), None),
            ("nghi-trua", "Nghỉ trưa", "Lunch", "break", at(day, 12, 30), at(day, 13, 30), None),
        ]  # fmt: skip
        for key, title_vi, title_en, kind, starts, ends, room in plenary:
            slug = f"{key}-ngay-{day_index + 1}"
            chosen = [speakers[(day_index * 3 + k) % pool] for k in range(2)] if kind != "break" else []
            upsert_session(
                event,
                slug,
                title_vi=title_vi,
                title_en=title_en,
                session_type=kind,
                starts_at=starts,
                ends_at=ends,
                room=room,
                track=None,
                language="vi",
                abstract_vi="" if kind == "break" else "Lãnh đạo thành phố chia sẻ định hướng chuyển đổi số.",
                abstract_en=""
                if kind == "break"
                else "City leaders share the direction of digital transformation.",
                is_featured=kind != "break",
                speakers=chosen,
            )
            keep.add(slug)
        # Parallel slots: 9:15-10:00, 10:00-10:45, 11:00-11:45, 11:45-12:30, 13:30-14:15 ... 16:30-17:15
        slots = [(9, 15), (10, 0), (11, 0), (11, 45), (13, 30), (14, 15), (15, 0), (15, 45), (16, 30)]
        if not rich:
            slots = slots[:3]
        for slot_index, (hour, minute) in enumerate(slots):
            starts = at(day, hour, minute)
            ends = starts + timedelta(minutes=40)
            for room_index, room in enumerate(rooms[1:] if len(rooms) > 1 else rooms):
                track_key = TRACKS[room_index % len(TRACKS)][0]
                topics = TOPICS[track_key]
                topic_index = (day_index * len(slots) + slot_index) + (room_index // len(TRACKS)) * 7
                title_vi, title_en, kind, language = topics[topic_index % len(topics)]
                part = topic_index // len(topics)
                if part:
                    title_vi, title_en = f"{title_vi} (phần {part + 1})", f"{title_en} (part {part + 1})"
                if year and kind == "product_launch":
                    title_vi = title_vi.replace("2027", str(year))
                    title_en = title_en.replace("2027", str(year))
                slug = f"{slugify(fold(title_en))[:60]}-{day_index + 1}-{slot_index + 1}-{room_index + 1}"
                per_slot = len(rooms)
                first = (slot_index * per_slot * 3 + room_index * 3 + day_index * 5) % pool
                n_speakers = 3 if kind == "panel" else (2 if counter % 3 == 0 else 1)
                chosen = []
                for k in range(n_speakers):
                    candidate = speakers[(first + k) % pool]
                    if candidate not in chosen:
                        chosen.append(candidate)
                counter += 1
                upsert_session(
                    event,
                    slug,
                    title_vi=title_vi,
                    title_en=title_en,
                    session_type=kind,
                    starts_at=starts,
                    ends_at=ends,
                    room=room,
                    track=tracks[track_key],
                    language=language,
                    level=["all", "beginner", "intermediate", "advanced"][counter % 4],
                    abstract_vi=f"Phiên {title_vi.lower()} thuộc chủ đề {tracks[track_key].name_vi}: "
                    "chia sẻ kinh nghiệm thực tế, số liệu và hỏi đáp cùng khán giả.",
                    abstract_en=f"{title_en} in the {tracks[track_key].name_en} track: "
                    "practical experience, figures and questions from the audience.",
                    capacity=40 if kind == "workshop" else None,
                    requires_signup=kind == "workshop",
                    is_featured=kind == "product_launch" and day_index == 0,
                    slides_url="https://example.org/slides/" + slug if not rich else "",
                    speakers=chosen,
                )
                keep.add(slug)
    Session.objects.filter(event=event).exclude(slug__in=keep).delete()
    return len(keep)


SKILLS_CLASSES = [
    ("lop-dich-vu-cong-truc-tuyen", 7, "Lớp kỹ năng số: dùng dịch vụ công trực tuyến",
     "Digital-skills class: using online public services",
     "Hướng dẫn từng bước nộp hồ sơ trên Cổng dịch vụ công, dùng tài khoản định danh điện tử VNeID.",
     "Step by step: filing on the public services portal and using a VNeID digital identity account.",
     "Nhà văn hóa phường Hải Châu", "Phòng sinh hoạt cộng đồng", "Community room"),
    ("lop-an-toan-tren-mang", 14, "Lớp kỹ năng số: an toàn trên không gian mạng",
     "Digital-skills class: staying safe online",
     "Nhận diện tin nhắn lừa đảo, đặt mật khẩu mạnh và bật xác thực hai lớp.",
     "Spot scam messages, choose strong passwords and turn on two-factor authentication.",
     "Thư viện Khoa học Tổng hợp Đà Nẵng", "Phòng đa phương tiện", "Multimedia room"),
    ("lop-bao-ve-du-lieu-ca-nhan", 21, "Lớp kỹ năng số: bảo vệ dữ liệu cá nhân",
     "Digital-skills class: protecting your personal data",
     "Quyền của bạn theo Luật Bảo vệ dữ liệu cá nhân và cách giữ thông tin của mình an toàn.",
     "Your rights under the Personal Data Protection Law and how to keep your information safe.",
     "Công viên Phần mềm Đà Nẵng", "Phòng đào tạo 3.2", "Training room 3.2"),
]  # fmt: skip


def load(scale, rng, log):
    # Sessions hold no references that the admin's "usage" view needs; indexing each save is most of the cost.
    with disable_reference_index_auto_update():
        _load(scale, log)


def _load(scale, log):
    index, en = ensure_index(log)
    today = timezone.localdate(timezone=TZ)
    speakers = make_speakers(min(30 * scale, MAX_SPEAKERS))
    big_day = next_digital_day(today)
    editions = [(big_day, True)] + [(date(big_day.year - k, 10, 10), False) for k in (1, 2)]
    totals = []
    for day, upcoming in editions:
        year = day.year
        edition = year - 2021  # the first national Day was in 2022
        slug = f"ngay-chuyen-doi-so-{year}"
        days = [day, day + timedelta(days=1)] if upcoming else [day]
        vi = {
            "title": f"Ngày Chuyển đổi số Đà Nẵng {year}",
            "summary": "Sự kiện thường niên của thành phố hưởng ứng Ngày Chuyển đổi số quốc gia 10/10: "
            "hội thảo, triển lãm sản phẩm Make in DaNang và các lớp kỹ năng số cho người dân.",
            "event_type": "digital_day",
            "starts_at": at(days[0], 7, 30),
            "ends_at": at(days[-1], 17, 30),
            "venue_name": "Trung tâm Hội nghị Quốc tế Ariyana Đà Nẵng",
            "venue_address": "107 Võ Nguyên Giáp, phường Ngũ Hành Sơn, Đà Nẵng",
            "map_url": "https://www.openstreetmap.org/search?query=107%20V%C3%B5%20Nguy%C3%AAn%20Gi%C3%A1p%20%C4%90%C3%A0%20N%E1%BA%B5ng",
            "organiser": "Ủy ban nhân dân thành phố Đà Nẵng – Sở Khoa học và Công nghệ",
            # Open already (at most 60 days ahead is the real rule, but the demo must be usable today).
            "registration_opens_at": at(min(days[0] - timedelta(days=60), today - timedelta(days=7)), 8)
            if upcoming
            else None,
            "registration_closes_at": at(days[0] - timedelta(days=1), 17) if upcoming else None,
        }
        en_fields = {
            "title": f"Da Nang Digital Transformation Day {year}",
            "summary": "The city's yearly event for National Digital Transformation Day (10 October): "
            "conferences, the Make in DaNang showcase and digital-skills classes for citizens.",
            "venue_name": "Ariyana International Convention Centre, Da Nang",
            "organiser": "Da Nang People's Committee – Department of Science and Technology",
            "slug": slug,
        }
        if edition > 0:
            vi["summary"] += f" Lần thứ {edition}."
        event = upsert_event(index, en, slug, vi, en_fields)
        count = build_programme(
            event,
            days,
            speakers,
            parallel_rooms=(min(5 * scale, MAX_ROOMS) if upcoming else 4),
            rich=upcoming,
            year=year,
        )
        totals.append(count)
    for (
        slug,
        weeks_days,
        title_vi,
        title_en,
        summary_vi,
        summary_en,
        venue,
        room_vi,
        room_en,
    ) in SKILLS_CLASSES:
        day = today + timedelta(days=weeks_days)
        event = upsert_event(
            index,
            en,
            slug,
            {
                "title": title_vi,
                "summary": summary_vi,
                "event_type": "skills_class",
                "starts_at": at(day, 8, 30),
                "ends_at": at(day, 11, 0),
                "venue_name": venue,
                "venue_address": "Đà Nẵng",
                "organiser": "Sở Khoa học và Công nghệ Đà Nẵng – Tổ công nghệ số cộng đồng",
                "registration_opens_at": None,
                "registration_closes_at": at(day - timedelta(days=1), 17),
            },
            {"title": title_en, "summary": summary_en, "slug": slug},
        )
        room = Room.objects.update_or_create(
            event=event, sort_order=0, defaults={"name_vi": room_vi, "name_en": room_en, "capacity": 30}
        )[0]
        trainer = speakers[len(SKILLS_CLASSES) + weeks_days % len(speakers)]
        upsert_session(
            event,
            "thuc-hanh",
            title_vi=title_vi.split(": ", 1)[1].capitalize() + " – thực hành",
            title_en=title_en.split(": ", 1)[1].capitalize() + ", hands-on",
            session_type="workshop",
            starts_at=at(day, 8, 30),
            ends_at=at(day, 11, 0),
            room=room,
            language="vi",
            level="beginner",
            abstract_vi=summary_vi + " Mang theo điện thoại thông minh và căn cước công dân.",
            abstract_en=summary_en + " Bring your smartphone and citizen ID card.",
            capacity=30,
            requires_signup=True,
            speakers=[trainer],
        )
    # Demo dates move with the calendar: that is not a schedule change attendees need flagged.
    Session.objects.filter(event__in=EventPage.objects.child_of(index)).update(changed_at=None)
    log(f"  {len(editions)} Digital Transformation Days ({', '.join(map(str, totals))} sessions), "
        f"{len(SKILLS_CLASSES)} skills classes, {len(speakers)} speakers")  # fmt: skip
