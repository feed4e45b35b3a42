"""Demo showcase: Đà Nẵng tech companies, their Make in DaNang products, booth packages and a hall plan.

Idempotent (stable slugs and titles, update_or_create); `scale` multiplies the products for benchmarks
(200 × scale), the extra ones made with bulk_create and a few shared images so 5,000 load quickly.
"""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from stdnum.vn import mst

from exhibitors.models import (
    ApplicationStatus,
    Booth,
    BoothPackage,
    Exhibitor,
    ExhibitorApplication,
    ExhibitorMember,
    Product,
    ProductImage,
    ProductStatus,
)
from exhibitors.search import fold

BASE_PRODUCTS = 200
DEMO_PORTAL_EMAIL = "trienlam@example.com"
DEMO_PORTAL_PASSWORD = "trienlam-demo-2027"  # noqa: S105 - demo data for a laptop, printed by load_demo

# sector: (colour, [company name stems], [(name_vi, name_en, category, description_vi, description_en, customers)])
SECTORS = {
    "smart_city": (
        "#0b4ea2",
        ["Sông Hàn Smart", "IOC Hải Châu", "Đô Thị Xanh Sơn Trà", "Cầu Rồng Tech", "Minh Quang City"],
        [
            (
                "Nền tảng giám sát giao thông",
                "Traffic monitoring platform",
                "software",
                "Phân tích hình ảnh camera giao thông theo thời gian thực, phát hiện ùn tắc và vi phạm.",
                "Real-time analysis of traffic cameras that spots congestion and violations.",
                "Sở Giao thông, UBND quận",
            ),
            (
                "Bảng điều khiển IOC",
                "IOC dashboard",
                "software",
                "Tổng hợp dữ liệu đô thị từ nhiều sở ngành trên một màn hình cho trung tâm điều hành.",
                "City data from many departments on one screen for the operations centre.",
                "Trung tâm IOC",
            ),
            (
                "Đèn đường thông minh",
                "Smart street lights",
                "hardware",
                "Đèn LED tự điều chỉnh độ sáng, báo hỏng qua mạng LoRa.",
                "LED lights that dim themselves and report faults over LoRa.",
                "Ban quản lý đô thị",
            ),
            (
                "Ứng dụng phản ánh hiện trường",
                "Citizen report app",
                "mobile_app",
                "Người dân chụp ảnh và gửi phản ánh về rác, ngập, hư hỏng hạ tầng.",
                "Citizens photograph and report rubbish, flooding and broken infrastructure.",
                "Người dân, UBND phường",
            ),
        ],
    ),
    "e_government": (
        "#17692f",
        [
            "Hành Chính Số Đà Nẵng",
            "Cổng Công Dân",
            "Một Cửa Online",
            "Chính Quyền Số Hòa Vang",
            "Văn Phòng Điện Tử Tam Kỳ",
        ],
        [
            (
                "Hệ thống một cửa điện tử",
                "Electronic one-stop shop",
                "software",
                "Tiếp nhận và theo dõi hồ sơ thủ tục hành chính trực tuyến từ đầu đến cuối.",
                "Receives and tracks administrative applications online from start to finish.",
                "UBND quận, huyện",
            ),
            (
                "Chữ ký số trên di động",
                "Mobile digital signature",
                "service",
                "Ký số văn bản và hồ sơ ngay trên điện thoại, đạt chuẩn pháp lý.",
                "Legally valid digital signatures straight from the phone.",
                "Doanh nghiệp, cán bộ",
            ),
            (
                "Chatbot dịch vụ công",
                "Public service chatbot",
                "data",
                "Trả lời câu hỏi về thủ tục hành chính 24/7 bằng tiếng Việt.",
                "Answers questions about public procedures around the clock, in Vietnamese.",
                "Người dân",
            ),
        ],
    ),
    "fintech": (
        "#8a5a00",
        ["Ví Chợ Hàn", "Thanh Toán Miền Trung", "Tài Chính Số Non Nước", "PayDN"],
        [
            (
                "Ví điện tử cho chợ truyền thống",
                "E-wallet for traditional markets",
                "mobile_app",
                "Tiểu thương nhận tiền qua mã QR, xem sổ bán hàng trên điện thoại.",
                "Market traders take QR payments and keep their sales book on the phone.",
                "Tiểu thương",
            ),
            (
                "Cổng thanh toán học phí",
                "Tuition payment gateway",
                "service",
                "Phụ huynh đóng học phí trực tuyến, nhà trường đối soát tự động.",
                "Parents pay school fees online; schools reconcile automatically.",
                "Trường học",
            ),
            (
                "Chấm điểm tín dụng vi mô",
                "Micro-credit scoring",
                "data",
                "Đánh giá khả năng trả nợ của hộ kinh doanh từ dữ liệu giao dịch.",
                "Scores household businesses' ability to repay from transaction data.",
                "Ngân hàng, quỹ tín dụng",
            ),
        ],
    ),
    "edtech": (
        "#6a1b9a",
        ["Học Số Thanh Khê", "EduDN", "Lớp Học Biển Xanh", "Trí Tuệ Trẻ"],
        [
            (
                "Nền tảng học trực tuyến",
                "Online learning platform",
                "software",
                "Lớp học trực tuyến, bài tập và chấm điểm tự động cho trường phổ thông.",
                "Online classes, homework and automatic marking for schools.",
                "Trường phổ thông",
            ),
            (
                "Khóa kỹ năng số cho người dân",
                "Digital skills course for citizens",
                "content",
                "Bài học ngắn về dịch vụ công trực tuyến, an toàn mạng và bảo vệ dữ liệu cá nhân.",
                "Short lessons on online public services, staying safe online and protecting personal data.",
                "Người dân",
            ),
            (
                "Phòng thí nghiệm ảo",
                "Virtual science lab",
                "software",
                "Thí nghiệm vật lý, hóa học mô phỏng 3D chạy trên trình duyệt.",
                "3D physics and chemistry experiments that run in the browser.",
                "Giáo viên, học sinh",
            ),
        ],
    ),
    "healthtech": (
        "#b3261e",
        ["Y Tế Số Sơn Trà", "Khám Bệnh Online", "Sức Khỏe Việt Trung", "MedDN"],
        [
            (
                "Hồ sơ sức khỏe điện tử",
                "Electronic health record",
                "software",
                "Lưu trữ và chia sẻ hồ sơ khám chữa bệnh giữa các cơ sở y tế.",
                "Stores and shares medical records between clinics and hospitals.",
                "Bệnh viện, trạm y tế",
            ),
            (
                "Đặt lịch khám qua Zalo",
                "Appointment booking on Zalo",
                "service",
                "Người bệnh đặt lịch, nhận nhắc lịch và kết quả qua Zalo.",
                "Patients book, get reminders and results through Zalo.",
                "Phòng khám",
            ),
            (
                "Thiết bị đo huyết áp kết nối",
                "Connected blood-pressure monitor",
                "hardware",
                "Gửi chỉ số huyết áp về bác sĩ gia đình để theo dõi từ xa.",
                "Sends readings to the family doctor for remote follow-up.",
                "Người cao tuổi",
            ),
        ],
    ),
    "agritech": (
        "#2e7d32",
        ["Nông Nghiệp Số Hòa Vang", "Thủy Sản Thông Minh", "Biển Xanh Fisheries", "Ruộng Số"],
        [
            (
                "Hệ thống quản lý tàu cá",
                "Fishing fleet management",
                "software",
                "Theo dõi vị trí tàu cá, nhật ký khai thác điện tử và truy xuất nguồn gốc.",
                "Tracks fishing boats, keeps electronic catch logs and traces origin.",
                "Ngư dân, chi cục thủy sản",
            ),
            (
                "Cảm biến ao nuôi tôm",
                "Shrimp pond sensors",
                "hardware",
                "Đo oxy, pH, nhiệt độ và cảnh báo qua điện thoại.",
                "Measures oxygen, pH and temperature and alerts by phone.",
                "Hộ nuôi tôm",
            ),
            (
                "Truy xuất nguồn gốc nông sản",
                "Farm produce traceability",
                "service",
                "Mã QR trên sản phẩm cho biết vùng trồng, ngày thu hoạch, chứng nhận.",
                "A QR code on each product shows the farm, harvest date and certificates.",
                "Hợp tác xã",
            ),
        ],
    ),
    "tourism": (
        "#00838f",
        [
            "Du Lịch Số Mỹ Khê",
            "Hội An Travel Tech",
            "Bà Nà Digital",
            "Cù Lao Chàm Online",
            "Non Nước Booking",
        ],
        [
            (
                "Bản đồ du lịch thông minh",
                "Smart tourist map",
                "mobile_app",
                "Gợi ý điểm đến, ẩm thực và lịch trình theo sở thích du khách.",
                "Suggests sights, food and itineraries to suit each visitor.",
                "Du khách",
            ),
            (
                "Thuyết minh tự động đa ngôn ngữ",
                "Multilingual audio guide",
                "content",
                "Thuyết minh di tích bằng 6 ngôn ngữ khi quét mã QR.",
                "Heritage-site audio guides in six languages, from a QR code.",
                "Khu di tích, bảo tàng",
            ),
            (
                "Phần mềm quản lý homestay",
                "Homestay management software",
                "software",
                "Quản lý phòng, đặt chỗ từ nhiều kênh và khai báo lưu trú.",
                "Rooms, bookings from many channels and guest registration.",
                "Chủ homestay",
            ),
        ],
    ),
    "logistics": (
        "#4e342e",
        ["Vận Tải Liên Chiểu", "Cảng Số Tiên Sa", "Giao Nhận Miền Trung", "Kho Vận Hòa Khánh"],
        [
            (
                "Sàn kết nối xe tải",
                "Truck freight marketplace",
                "software",
                "Kết nối chủ hàng với xe tải chạy rỗng chiều về.",
                "Matches shippers with trucks returning empty.",
                "Doanh nghiệp vận tải",
            ),
            (
                "Robot giao hàng nội khu",
                "Campus delivery robot",
                "hardware",
                "Robot tự hành giao hàng trong khu công nghệ cao và khu đô thị.",
                "A self-driving robot that delivers parcels in parks and new districts.",
                "Khu công nghệ cao",
            ),
        ],
    ),
    "cybersecurity": (
        "#263238",
        ["An Ninh Mạng Hải Vân", "Khiên Số", "SOC Đà Nẵng", "Bảo Mật Nam Ô"],
        [
            (
                "Trung tâm giám sát an toàn thông tin",
                "Security operations centre",
                "service",
                "Giám sát 24/7, phát hiện và xử lý tấn công mạng cho cơ quan, doanh nghiệp.",
                "24/7 monitoring, detection and response for agencies and businesses.",
                "Cơ quan nhà nước",
            ),
            (
                "Khóa học nhận diện lừa đảo trực tuyến",
                "Online scam awareness course",
                "content",
                "Tình huống thực tế giúp người dân nhận ra tin nhắn, cuộc gọi lừa đảo.",
                "Real cases that help citizens recognise scam messages and calls.",
                "Người dân",
            ),
        ],
    ),
    "ai_data": (
        "#1565c0",
        [
            "Trí Tuệ Nhân Tạo Miền Trung",
            "Dữ Liệu Mở Đà Nẵng",
            "Ngũ Hành AI",
            "VietAI Coast",
            "Phân Tích Số Hải Châu",
        ],
        [
            (
                "Trợ lý ảo tiếng Việt",
                "Vietnamese virtual assistant",
                "data",
                "Hiểu giọng nói miền Trung, trả lời câu hỏi và điền biểu mẫu.",
                "Understands central Vietnamese accents, answers questions and fills in forms.",
                "Doanh nghiệp, cơ quan",
            ),
            (
                "Nhận dạng văn bản hành chính",
                "Administrative document OCR",
                "data",
                "Số hóa hồ sơ giấy, trích xuất thông tin vào cơ sở dữ liệu.",
                "Digitises paper files and extracts their data into databases.",
                "Bộ phận một cửa",
            ),
            (
                "Cổng dữ liệu mở",
                "Open data portal",
                "software",
                "Công bố dữ liệu của thành phố theo chuẩn mở, có API.",
                "Publishes city data in open formats with an API.",
                "Nhà phát triển, nhà nghiên cứu",
            ),
        ],
    ),
    "iot": (
        "#37474f",
        ["Vi Mạch Đà Nẵng", "IoT Cẩm Lệ", "Cảm Biến Việt", "Chip Biển Đông"],
        [
            (
                "Trạm quan trắc môi trường",
                "Environmental monitoring station",
                "hardware",
                "Đo bụi mịn, tiếng ồn và chất lượng nước, gửi dữ liệu về IOC.",
                "Measures fine dust, noise and water quality and reports to the IOC.",
                "Sở Tài nguyên và Môi trường",
            ),
            (
                "Cảnh báo ngập đô thị",
                "Urban flood alerts",
                "hardware",
                "Cảm biến mực nước tại điểm trũng, cảnh báo người dân qua ứng dụng.",
                "Water-level sensors at low points alert residents through an app.",
                "UBND phường",
            ),
            (
                "Vi mạch điều khiển động cơ",
                "Motor controller chip",
                "hardware",
                "Vi mạch thiết kế tại Đà Nẵng cho xe điện và máy bơm.",
                "A chip designed in Đà Nẵng for e-bikes and pumps.",
                "Nhà sản xuất thiết bị",
            ),
        ],
    ),
    "ecommerce": (
        "#ad1457",
        ["Chợ Số Miền Trung", "Đặc Sản Đà Nẵng Online", "Sàn Việt Trung", "Phố Hội Shop"],
        [
            (
                "Sàn đặc sản địa phương",
                "Local specialties marketplace",
                "software",
                "Bán chả bò, nước mắm Nam Ô, trà Hội An… giao hàng toàn quốc.",
                "Sells local specialties such as Nam Ô fish sauce nationwide.",
                "Cơ sở sản xuất",
            ),
            (
                "Livestream bán hàng cho OCOP",
                "Live-stream selling for OCOP producers",
                "service",
                "Đào tạo và hỗ trợ kỹ thuật bán hàng trực tiếp cho sản phẩm OCOP.",
                "Training and technical help for OCOP producers selling live online.",
                "Hợp tác xã",
            ),
        ],
    ),
}
COMPANY_FORMS = ["Công ty Cổ phần", "Công ty TNHH"]
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thu Hà",
    "Huỳnh Tấn Phát",
    "Phan Thị Lan",
    "Võ Thành Nam",
    "Đặng Ngọc Oanh",
    "Bùi Đức Quang",
    "Đỗ Thị Thu",
    "Nguyễn Hữu Vinh",
]
STREETS = [
    "Trần Phú, Hải Châu",
    "Bạch Đằng, Hải Châu",
    "Võ Nguyên Giáp, Sơn Trà",
    "Nguyễn Văn Linh, Thanh Khê",
    "Lê Văn Hiến, Ngũ Hành Sơn",
    "Tôn Đức Thắng, Liên Chiểu",
    "Quang Trung, Hội An",
    "Phan Chu Trinh, Tam Kỳ",
]
AWARDS = [
    "Sao Khuê 2025",
    "Giải thưởng Chuyển đổi số Việt Nam 2024",
    "Make in Viet Nam 2025",
    "Nhân tài Đất Việt",
]
MATURITIES = ["on_market", "on_market", "on_market", "prototype", "idea"]


def tax_code(n):
    body = f"04{(1_000_000 + n * 7919) % 10_000_000:07d}"
    return body + mst.calc_check_digit(body)


def _font(size, bold=False):
    from PIL import ImageFont

    from exhibitors.poster import BOLD_CANDIDATES, FONT_CANDIDATES, _font_path

    path = _font_path(BOLD_CANDIDATES if bold else FONT_CANDIDATES)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def _png(draw_fn, size):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw_fn(ImageDraw.Draw(image), image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wagtail_image(title, make_bytes):
    """A Wagtail image found by its title, or made once (idempotent)."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        name = f"{fold(title).replace(' ', '-')[:60]}.png"
        image = Image(title=title, file=ImageFile(io.BytesIO(make_bytes()), name=name))
        image.save()
    return image


def _logo(name, colour):
    initials = "".join(word[0] for word in name.split()[:2]).upper()

    def draw(d, image):
        d.rectangle([0, 0, 320, 160], fill="white")
        d.ellipse([16, 16, 144, 144], fill=colour)
        d.text((80, 80), initials, fill="white", font=_font(52, bold=True), anchor="mm")
        d.text((160, 80), name.split()[0], fill=colour, font=_font(26, bold=True), anchor="lm")

    return _wagtail_image(f"Logo {name}", lambda: _png(draw, (320, 160)))


def _product_card(title, subtitle, colour, variant=0):
    def draw(d, image):
        d.rectangle([0, 0, 640, 420], fill=colour)
        for i in range(6):
            x = 40 + i * 110 + variant * 13
            d.ellipse([x, 250 + (i % 2) * 40, x + 80, 330 + (i % 2) * 40], outline="white", width=4)
        d.rectangle([0, 0, 640, 120], fill="white")
        d.text((32, 60), title[:36], fill=colour, font=_font(34, bold=True), anchor="lm")
        d.text((32, 180), subtitle[:44], fill="white", font=_font(26), anchor="lm")

    return _wagtail_image(f"Sản phẩm {title} {variant}", lambda: _png(draw, (640, 420)))


def _upcoming_event():
    from events.models import EventPage

    events = EventPage.objects.filter(locale__language_code="vi", ends_at__gt=timezone.now()).order_by(
        "starts_at"
    )
    return events.filter(event_type="digital_day").first() or events.first()


def load(scale, rng, log):
    now = timezone.now()
    event = _upcoming_event()
    packages, booths = _packages_and_booths(event) if event else ([], [])
    exhibitors = _exhibitors(rng)
    products = _products(exhibitors, rng, now)
    if event:
        _applications(event, exhibitors, packages, booths)
        _demo_sessions(event, products, rng)
    _portal_user(exhibitors[0], log)
    if scale > 1:
        _scaled_products(exhibitors, scale, now)
    _warm_renditions()
    log(
        f"  {Exhibitor.objects.count()} exhibitors, {Product.objects.count()} products"
        + (
            f", {Booth.objects.filter(event=event).count()} booths at {event.title}"
            if event
            else " (no event yet)"
        )
    )


def _warm_renditions():
    """Make the catalogue's renditions now, once, so no visitor waits for them (idempotent)."""
    from wagtail.images import get_image_model

    from exhibitors.queries import CARD_RENDITION, GALLERY_RENDITION, LOGO_RENDITION

    image_ids = set(ProductImage.objects.values_list("image_id", flat=True).distinct())
    for image in get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions"):
        image.get_renditions(CARD_RENDITION, GALLERY_RENDITION)
    logo_ids = Exhibitor.objects.exclude(logo=None).values_list("logo_id", flat=True)
    for image in get_image_model().objects.filter(pk__in=logo_ids).prefetch_related("renditions"):
        image.get_rendition(LOGO_RENDITION)


def _packages_and_booths(event):
    specs = [
        ("Gian tiêu chuẩn", "Standard booth", "3 × 3 m", 5_000_000, 40),
        ("Gian góc", "Corner booth", "3 × 6 m", 12_000_000, 10),
        ("Gian khởi nghiệp", "Start-up table", "2 × 2 m", 0, 15),
    ]
    packages = []
    for order, (name_vi, name_en, size, price, count) in enumerate(specs):
        package, _ = BoothPackage.objects.update_or_create(
            event=event,
            name_vi=name_vi,
            defaults={
                "name_en": name_en,
                "size": size,
                "price": price,
                "count_available": count,
                "sort_order": order,
            },
        )
        packages.append(package)
    booths = []
    for hall, count in (("A", 30), ("B", 30)):
        for n in range(1, count + 1):
            booth, _ = Booth.objects.get_or_create(
                event=event,
                hall=hall,
                number=f"{hall}{n:02d}",
                defaults={"size": "3 × 3 m" if n % 6 else "3 × 6 m", "package": packages[0 if n % 6 else 1]},
            )
            booths.append(booth)
    return packages, booths


def _exhibitors(rng):
    exhibitors = []
    n = 0
    for sector, (colour, stems, _products) in SECTORS.items():
        for stem in stems:
            n += 1
            name = f"{COMPANY_FORMS[n % 2]} {stem}"
            slug = fold(stem).replace(" ", "-")
            person = PEOPLE[n % len(PEOPLE)]
            exhibitor, _ = Exhibitor.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "tax_code": tax_code(n),
                    "sector": sector,
                    "address": f"{10 + n} {STREETS[n % len(STREETS)]}, Đà Nẵng",
                    "website": f"https://{slug}.example.vn",
                    "description_vi": f"{stem} phát triển giải pháp công nghệ tại Đà Nẵng cho người dân, doanh nghiệp và chính quyền.",
                    "description_en": f"{stem} builds technology in Đà Nẵng for citizens, businesses and government.",
                    "contact_name": person,
                    "contact_email": f"lienhe@{slug}.example.vn",
                    "contact_phone": f"+8490{(5_100_000 + n * 1237) % 10_000_000:07d}",
                    "is_make_in_danang": n % 7 != 0,
                    "is_public": True,
                    "is_featured": n % 9 == 1,
                },
            )
            if exhibitor.logo_id is None:
                exhibitor.logo = _logo(stem, colour)
                exhibitor.save(update_fields=["logo"])
            exhibitors.append(exhibitor)
    return exhibitors


def _products(exhibitors, rng, now):
    """About four products per exhibitor (200 in all) from its sector's catalogue of ideas."""
    products = []
    per_exhibitor = -(-BASE_PRODUCTS // len(exhibitors))
    count = 0
    for e_index, exhibitor in enumerate(exhibitors):
        colour, _stems, ideas = SECTORS[exhibitor.sector]
        for p_index in range(per_exhibitor):
            if count >= BASE_PRODUCTS:
                break
            name_vi, name_en, category, desc_vi, desc_en, customers = ideas[(e_index + p_index) % len(ideas)]
            version = p_index // len(ideas) + 1
            brand = "".join(word[:1].upper() + word[1:] for word in exhibitor.name.split()[-2:])
            suffix_vi = f" {brand}" + (f" {version}.0" if version > 1 else "")
            slug = f"{exhibitor.slug}-{fold(name_en).replace(' ', '-')}-{p_index}"
            status = ProductStatus.PUBLISHED
            if count % 37 == 5:
                status = ProductStatus.SUBMITTED
            elif count % 53 == 7:
                status = ProductStatus.DRAFT
            product, created = Product.objects.update_or_create(
                slug=slug,
                defaults={
                    "exhibitor": exhibitor,
                    "name_vi": f"{name_vi}{suffix_vi}",
                    "name_en": f"{name_en}{suffix_vi}",
                    "description_vi": desc_vi,
                    "description_en": desc_en,
                    "category": category,
                    "sector": exhibitor.sector,
                    "maturity": MATURITIES[count % len(MATURITIES)],
                    "target_customers": customers,
                    "price_range": ""
                    if count % 3 == 0
                    else f"{(count % 9 + 1) * 5} – {(count % 9 + 2) * 10} triệu ₫",
                    "website": f"{exhibitor.website}/san-pham/{p_index}",
                    "awards": AWARDS[count % len(AWARDS)] if count % 8 == 0 else "",
                    "is_verified_make_in_danang": exhibitor.is_make_in_danang and count % 3 != 2,
                    "is_featured": count % 25 == 0 and status == ProductStatus.PUBLISHED,
                    "status": status,
                    "published_at": now if status == ProductStatus.PUBLISHED else None,
                },
            )
            if status == ProductStatus.PUBLISHED and count % 41 == 3 and not product.pending:
                # A published product whose exhibitor proposed changes: the review queue shows them.
                product.pending = {"description_vi": desc_vi + " Phiên bản mới hỗ trợ thêm tiếng Anh."}
                product.pending_status = ProductStatus.SUBMITTED
                product.save(update_fields=["pending", "pending_status"])
            if not product.images.exists():
                ProductImage.objects.create(
                    product=product,
                    image=_product_card(name_vi, name_en, colour, variant=p_index % 3),
                    alt_vi=f"Minh họa {name_vi.lower()}",
                    alt_en=f"Illustration of the {name_en.lower()}",
                )
            products.append(product)
            count += 1
    return products


def _applications(event, exhibitors, packages, booths):
    standard, corner, startup = packages
    for index, exhibitor in enumerate(exhibitors):
        if index < 44:
            status = ApplicationStatus.CONFIRMED
        elif index < 48:
            status = ApplicationStatus.APPROVED
        else:
            status = ApplicationStatus.SUBMITTED
        package = corner if index % 6 == 5 else (startup if index % 11 == 10 else standard)
        booth = booths[index] if status == ApplicationStatus.CONFIRMED else None
        ExhibitorApplication.objects.update_or_create(
            reference=f"GH-DEMO{index:03d}",
            defaults={
                "exhibitor": exhibitor,
                "event": event,
                "package": package,
                "booth": booth,
                "status": status,
                "amount": package.price,
                "contact_name": exhibitor.contact_name,
                "contact_email": exhibitor.contact_email,
                "contact_phone": exhibitor.contact_phone,
                "claims_make_in_danang": exhibitor.is_make_in_danang,
                "planned_products": "Sản phẩm chủ lực của công ty",
                "consent_at": event.first_published_at or timezone.now(),
                "consent_policy_version": "2025-1",
                "payment_deadline": (event.starts_at - timezone.timedelta(days=14))
                if status == ApplicationStatus.APPROVED
                else None,
                "paid_at": event.first_published_at
                if status == ApplicationStatus.CONFIRMED and package.price
                else None,
            },
        )
        if status == ApplicationStatus.SUBMITTED and exhibitor.is_public and index >= 50:
            exhibitor.is_public = False
            exhibitor.save(update_fields=["is_public"])


def _demo_sessions(event, products, rng):
    sessions = list(event.sessions.order_by("starts_at")[:12])
    if not sessions:
        return
    published = [p for p in products if p.status == ProductStatus.PUBLISHED]
    for index, session in enumerate(sessions):
        for product in published[index * 3 : index * 3 + 2]:
            product.sessions.add(session)


def _portal_user(exhibitor, log):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_PORTAL_EMAIL,
        defaults={"email": DEMO_PORTAL_EMAIL, "first_name": "Trần", "last_name": "Triển Lãm"},
    )
    if created:
        user.set_password(DEMO_PORTAL_PASSWORD)
        user.save()
    ExhibitorMember.objects.get_or_create(exhibitor=exhibitor, user=user)
    if settings.DEBUG:
        log(f"  exhibitor portal demo login: {DEMO_PORTAL_EMAIL} / {DEMO_PORTAL_PASSWORD}")


def _scaled_products(exhibitors, scale, now):
    """Benchmark volume: 200 × scale products in all, bulk-created, sharing one image per sector."""
    target = BASE_PRODUCTS * scale
    existing = set(Product.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    missing = target - Product.objects.count()
    if missing <= 0:
        return
    images = {
        sector: _product_card(ideas[0][0], ideas[0][1], colour, variant=9)
        for sector, (colour, _stems, ideas) in SECTORS.items()
    }
    batch, n = [], 0
    while len(batch) < missing:
        n += 1
        slug = f"bench-{n:06d}"
        if slug in existing:
            continue
        exhibitor = exhibitors[n % len(exhibitors)]
        colour, _stems, ideas = SECTORS[exhibitor.sector]
        name_vi, name_en, category, desc_vi, desc_en, customers = ideas[n % len(ideas)]
        product = Product(
            exhibitor=exhibitor,
            slug=slug,
            name_vi=f"{name_vi} mẫu {n}",
            name_en=f"{name_en} model {n}",
            description_vi=desc_vi,
            description_en=desc_en,
            category=category,
            sector=exhibitor.sector,
            maturity=MATURITIES[n % len(MATURITIES)],
            target_customers=customers,
            awards=AWARDS[n % len(AWARDS)] if n % 10 == 0 else "",
            is_verified_make_in_danang=n % 2 == 0,
            status=ProductStatus.PUBLISHED,
            published_at=now,
        )
        product.search_text = product.build_search_text(exhibitor_name=exhibitor.name)
        batch.append(product)
    Product.objects.bulk_create(batch, batch_size=500)
    created = Product.objects.filter(slug__in=[p.slug for p in batch]).values_list("pk", "sector")
    ProductImage.objects.bulk_create(
        [
            ProductImage(product_id=pk, image=images[sector], alt_vi="Ảnh minh họa", alt_en="Illustration")
            for pk, sector in created
        ],
        batch_size=500,
    )
