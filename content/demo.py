"""Demo content: the bilingual page tree, news column, support page and site settings.

Idempotent: pages are found by their slug under their parent and created only when missing, so a
second run creates nothing (and leaves editors' changes alone). Dates are computed from today.
"""

import datetime
import json

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from content.models import (
    ArticlePage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    SiteContactSettings,
    StandardPage,
    SupportPage,
)


def ensure_locales():
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def next_digital_day(today=None):
    """The next 10 October on or after today: Vietnam's National Digital Transformation Day."""
    today = today or timezone.localdate()
    day = datetime.date(today.year, 10, 10)
    return day if day >= today else datetime.date(today.year + 1, 10, 10)


def ensure_home(log=print):
    """The vi home page as the site root, with its en translation beside it."""
    vi, en = ensure_locales()
    root = Page.get_first_root_node()
    # Wagtail's initial migration makes a placeholder "Welcome" page: replace it with ours.
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Ngày Chuyển đổi số Đà Nẵng",
                slug="home",
                locale=vi,
                intro="Sự kiện thường niên của thành phố về chuyển đổi số cho người dân, doanh nghiệp và chính quyền.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
    site.site_name = "Ngày Chuyển đổi số Đà Nẵng"
    site.save()
    home_en = home.get_translations().filter(locale=en).first()
    if home_en is None:
        home_en = home.copy_for_translation(en, copy_parents=True)
        home_en.title = "Đà Nẵng Digital Transformation Day"
        home_en.intro = (
            "The city's yearly event on digital transformation for citizens, businesses and government."
        )
        home_en.save_revision().publish()
    return home.specific, home_en.specific


# --- Helpers ------------------------------------------------------------------------------------


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def stream(*blocks):
    """StreamField content in its JSON form: (type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def ensure_translated(parent, parent_en, model, *, slug, slug_en, vi, en, tags_vi=(), tags_en=()):
    """A page under `parent` (vi) and its en translation under `parent_en`; created only when missing."""
    _, en_locale = ensure_locales()
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **vi)
        parent.add_child(instance=page)
        if tags_vi:
            page.tags.add(*tags_vi)
        page.save_revision().publish()
    page_en = page.get_translations().filter(locale=en_locale).first()
    if page_en is None:
        page_en = page.copy_for_translation(en_locale).specific
        page_en.slug = slug_en
        for name, value in en.items():
            setattr(page_en, name, value)
        if tags_vi or tags_en:
            page_en.tags.clear()
            page_en.tags.add(*tags_en)
        page_en.save_revision().publish()
        page_en.refresh_from_db()
    return page.specific, page_en.specific


def demo_image(title, colours, seed):
    """A generated illustration (gradient and a network of nodes), stored once as a Wagtail image."""
    import random
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    width, height = 1280, 720
    start, end = colours
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for x in range(width):
        t = x / width
        draw.line(
            [(x, 0), (x, height)], fill=tuple(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        )
    nodes = [(rng.randint(40, width - 40), rng.randint(40, height - 40)) for _ in range(26)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 : i + 3]:
            draw.line([a, b], fill=(255, 255, 255), width=2)
    for x, y in nodes:
        r = rng.choice((6, 9, 14))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255), outline=(255, 214, 102), width=3)
    buffer = BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.png"))


# --- Content --------------------------------------------------------------------------------------


def build_images():
    palette = {
        "city": ((7, 53, 111), (11, 78, 162)),
        "people": ((23, 105, 47), (11, 78, 162)),
        "business": ((138, 90, 0), (179, 38, 30)),
        "sea": ((6, 78, 110), (16, 132, 160)),
        "data": ((60, 36, 120), (11, 78, 162)),
        "green": ((23, 105, 47), (88, 140, 40)),
    }
    return {
        key: demo_image(f"Minh hoạ: {key}", colours, seed=index)
        for index, (key, colours) in enumerate(palette.items())
    }


def build_standard_pages(home, home_en, support, support_en, day, images):
    year = day.year
    about = ensure_translated(
        home,
        home_en,
        StandardPage,
        slug="gioi-thieu",
        slug_en="about",
        vi={
            "title": "Giới thiệu Ngày Chuyển đổi số",
            "intro": "Vì sao có Ngày Chuyển đổi số, ai tham gia và thành phố mong đạt được điều gì.",
            "body": stream(
                ("heading", {"text": "Ngày 10 tháng 10", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "Từ năm 2022, ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia. Hai con số 1 và 0 "
                        "gợi nhắc ngôn ngữ nhị phân của máy tính, còn ngày này nhắc mỗi cơ quan, doanh nghiệp "
                        "và người dân nhìn lại một năm đã làm được gì với công nghệ số.",
                        f"Đà Nẵng tổ chức Ngày Chuyển đổi số năm {year} cùng chuỗi hội thảo, tập huấn và "
                        "triển lãm sản phẩm <b>Make in DaNang</b> kéo dài suốt năm.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": "Chuyển đổi số chỉ thành công khi người dân thấy cuộc sống của mình dễ dàng hơn.",
                        "attribution": "Ban tổ chức Ngày Chuyển đổi số Đà Nẵng",
                    },
                ),
                ("heading", {"text": "Chủ đề qua các năm", "level": "h2"}),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Chủ đề Ngày Chuyển đổi số quốc gia",
                        "data": [
                            ["Năm", "Chủ đề"],
                            ["2022", "Chuyển đổi số giải quyết các vấn đề xã hội, vì cuộc sống tốt hơn"],
                            ["2023", "Khai thác dữ liệu số để tạo ra giá trị mới"],
                        ],
                    },
                ),
                (
                    "image",
                    {
                        "image": images["city"].pk,
                        "alt_text": "Minh hoạ mạng lưới thành phố thông minh",
                        "caption": "Minh hoạ mạng lưới thành phố thông minh",
                        "credit": "",
                    },
                ),
                (
                    "call_to_action",
                    {
                        "text": "Cần hỗ trợ? Liên hệ đường dây nóng",
                        "page": support.pk,
                        "url": "",
                        "style": "primary",
                    },
                ),
            ),
        },
        en={
            "title": "About Digital Transformation Day",
            "intro": "Why there is a Digital Transformation Day, who takes part and what the city hopes to achieve.",
            "body": stream(
                ("heading", {"text": "The tenth of October", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "Since 2022, 10 October has been Vietnam's National Digital Transformation Day. The ones "
                        "and zeros of the date echo the binary language of computers, and the day asks every "
                        "agency, business and citizen to look back at what a year of digital tools has changed.",
                        f"Đà Nẵng holds its {year} Digital Transformation Day together with a year-round series "
                        "of workshops, training sessions and the <b>Make in DaNang</b> product showcase.",
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": "Digital transformation only succeeds when people find their daily lives easier.",
                        "attribution": "Organisers of Đà Nẵng Digital Transformation Day",
                    },
                ),
                ("heading", {"text": "Themes over the years", "level": "h2"}),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "National Digital Transformation Day themes",
                        "data": [
                            ["Year", "Theme"],
                            ["2022", "Digital transformation solving social problems for a better life"],
                            ["2023", "Exploiting digital data to create value"],
                        ],
                    },
                ),
                (
                    "image",
                    {
                        "image": images["city"].pk,
                        "alt_text": "Illustration of a smart city network",
                        "caption": "Illustration of a smart city network",
                        "credit": "",
                    },
                ),
                (
                    "call_to_action",
                    {
                        "text": "Need help? Call the hotline",
                        "page": support_en.pk,
                        "url": "",
                        "style": "primary",
                    },
                ),
            ),
        },
    )
    venue = ensure_translated(
        home,
        home_en,
        StandardPage,
        slug="dia-diem",
        slug_en="venue",
        vi={
            "title": "Địa điểm tổ chức",
            "intro": "Các hoạt động chính diễn ra tại Trung tâm Hội nghị Quốc tế ven biển và Trung tâm Hành chính thành phố.",
            "body": stream(
                ("heading", {"text": "Đường đến hội trường", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "Trung tâm Hội nghị nằm trên đường ven biển Võ Nguyên Giáp, cách sân bay khoảng 15 phút đi xe. "
                        "Có bãi gửi xe máy và ô tô miễn phí cho khách tham dự.",
                        "Xe buýt các tuyến ven biển dừng ngay trước cổng chính. Người dùng xe lăn vào bằng lối dốc ở cổng B.",
                    ),
                ),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Các phòng",
                        "data": [
                            ["Phòng", "Sức chứa", "Hoạt động"],
                            ["Hội trường A", "800", "Khai mạc, phiên toàn thể"],
                            ["Phòng 2.1", "120", "Hội thảo chuyên đề"],
                            ["Sảnh triển lãm", "60 gian hàng", "Make in DaNang"],
                        ],
                    },
                ),
            ),
        },
        en={
            "title": "Venue",
            "intro": "The main activities take place at the international convention centre on the beach and at the city's Administrative Centre.",
            "body": stream(
                ("heading", {"text": "Getting there", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "The convention centre is on Võ Nguyên Giáp beach road, about 15 minutes by car from the airport. "
                        "Parking for motorbikes and cars is free for attendees.",
                        "Coastal bus lines stop at the main gate. Wheelchair users enter by the ramp at gate B.",
                    ),
                ),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Rooms",
                        "data": [
                            ["Room", "Capacity", "Used for"],
                            ["Hall A", "800", "Opening, plenary sessions"],
                            ["Room 2.1", "120", "Themed workshops"],
                            ["Exhibition hall", "60 booths", "Make in DaNang"],
                        ],
                    },
                ),
            ),
        },
    )
    privacy = ensure_translated(
        home,
        home_en,
        StandardPage,
        slug="privacy",
        slug_en="privacy",
        vi={
            "title": "Thông báo xử lý dữ liệu cá nhân",
            "intro": "Chúng tôi thu thập những dữ liệu nào khi bạn đăng ký hoặc gửi yêu cầu hỗ trợ, để làm gì và trong bao lâu.",
            "body": stream(
                ("heading", {"text": "Căn cứ", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "Thông báo này thực hiện theo Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân năm 2025. "
                        "Chúng tôi chỉ xử lý dữ liệu khi bạn đồng ý rõ ràng cho từng mục đích.",
                    ),
                ),
                ("heading", {"text": "Mục đích", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>Đăng ký tham dự và phát vé điện tử.</li><li>Trả lời yêu cầu hỗ trợ qua e-mail hoặc điện thoại.</li>"
                    "<li>Gửi thông tin về các sự kiện sau, chỉ khi bạn đồng ý riêng.</li></ul>",
                ),
                ("heading", {"text": "Quyền của bạn", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "Bạn có thể xem, tải về, sửa hoặc yêu cầu xoá dữ liệu của mình bất cứ lúc nào, và rút lại sự đồng ý. "
                        "Liên hệ đường dây nóng 1022 hoặc gửi yêu cầu trên trang Hỗ trợ.",
                    ),
                ),
            ),
        },
        en={
            "title": "Personal data notice",
            "intro": "What data we collect when you register or ask for support, what for, and for how long.",
            "body": stream(
                ("heading", {"text": "Legal basis", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "This notice follows Decree 13/2023/ND-CP and the 2025 Personal Data Protection Law. "
                        "We only process data when you explicitly agree, purpose by purpose.",
                    ),
                ),
                ("heading", {"text": "Purposes", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>Registering attendees and issuing e-tickets.</li><li>Answering support requests by e-mail or phone.</li>"
                    "<li>Telling you about future events, only if you agree to that separately.</li></ul>",
                ),
                ("heading", {"text": "Your rights", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "You can see, download, correct or ask us to delete your data at any time, and withdraw your consent. "
                        "Call the 1022 hotline or send a request from the Support page.",
                    ),
                ),
            ),
        },
    )
    return about, venue, privacy


FAQ_VI = [
    (
        "Tham dự Ngày Chuyển đổi số có mất phí không?",
        "Phần lớn hoạt động miễn phí. Một số hội thảo chuyên sâu có số chỗ giới hạn hoặc thu phí; hãy đăng ký trước trên trang chương trình.",
    ),
    (
        "Tôi nhận vé điện tử bằng cách nào?",
        "Sau khi đăng ký, vé có mã QR được gửi đến e-mail của bạn. Bạn có thể in ra hoặc mở trên điện thoại khi đến cổng.",
    ),
    (
        "Doanh nghiệp đăng ký gian hàng Make in DaNang ở đâu?",
        "Doanh nghiệp gửi đơn đăng ký trên trang Triển lãm. Ban tổ chức xét duyệt và phản hồi trong vòng năm ngày làm việc.",
    ),
    (
        "Đường dây nóng 1022 hỗ trợ những gì?",
        "Tổng đài 1022 của Trung tâm Giám sát điều hành đô thị thông minh (IOC) tiếp nhận câu hỏi về sự kiện, dịch vụ công trực tuyến và phản ánh của người dân, cả ngày lẫn đêm.",
    ),
    (
        "Tôi có thể huỷ đăng ký không?",
        "Có. Mở liên kết quản lý vé trong e-mail xác nhận để huỷ; chỗ của bạn sẽ được dành cho người trong danh sách chờ.",
    ),
    (
        "Dữ liệu cá nhân của tôi được dùng như thế nào?",
        "Chỉ để phục vụ mục đích bạn đã đồng ý. Xem chi tiết trong Thông báo xử lý dữ liệu cá nhân.",
    ),
]
FAQ_EN = [
    (
        "Does attending Digital Transformation Day cost anything?",
        "Most activities are free. Some in-depth workshops have limited seats or a fee; register in advance on the programme page.",
    ),
    (
        "How do I get my e-ticket?",
        "After you register, a ticket with a QR code is sent to your e-mail. Print it or show it on your phone at the gate.",
    ),
    (
        "Where do businesses apply for a Make in DaNang booth?",
        "Businesses apply on the Showcase page. The organisers review applications and answer within five working days.",
    ),
    (
        "What does the 1022 hotline help with?",
        "The 1022 line of the city's Intelligent Operations Center (IOC) answers questions about the event, online public services and citizens' reports, day and night.",
    ),
    (
        "Can I cancel my registration?",
        "Yes. Open the ticket management link in your confirmation e-mail to cancel; your seat goes to the next person on the waiting list.",
    ),
    (
        "How is my personal data used?",
        "Only for the purposes you agreed to. See the personal data notice for the details.",
    ),
]


def faq_stream(items):
    return stream(*[("question", {"question": q, "answer": f"<p>{a}</p>"}) for q, a in items])


def build_support(home, home_en):
    return ensure_translated(
        home,
        home_en,
        SupportPage,
        slug="ho-tro",
        slug_en="support",
        vi={
            "title": "Hỗ trợ",
            "intro": "Gọi đường dây nóng, nhắn tin qua Zalo hoặc gửi câu hỏi cho ban tổ chức. Chúng tôi trả lời bằng tiếng Việt và tiếng Anh.",
            "faq": faq_stream(FAQ_VI),
            "form_heading": "Gửi câu hỏi cho ban tổ chức",
            "form_intro": "Điền thông tin bên dưới; chúng tôi trả lời trong vòng hai ngày làm việc.",
            "thank_you": "Chúng tôi đã nhận được yêu cầu của bạn và sẽ trả lời trong vòng hai ngày làm việc.",
        },
        en={
            "title": "Support",
            "intro": "Call the hotline, message us on Zalo or send the organisers a question. We answer in Vietnamese and English.",
            "faq": faq_stream(FAQ_EN),
            "form_heading": "Ask the organisers",
            "form_intro": "Fill in the form below; we answer within two working days.",
            "thank_you": "We received your request and will answer within two working days.",
        },
    )


# (category, days ago, image, featured, vi title, vi intro, en title, en intro, vi tags, en tags)
ARTICLES = [
    (
        "announcement",
        2,
        "city",
        False,
        "Công bố chủ đề Ngày Chuyển đổi số Đà Nẵng {year}",
        "Chủ đề năm nay tập trung vào dữ liệu số phục vụ người dân, với hơn 30 hoạt động trong tháng 10.",
        "Theme announced for Đà Nẵng Digital Transformation Day {year}",
        "This year's theme puts digital data to work for citizens, with more than 30 activities in October.",
        ["chuyển đổi số", "sự kiện"],
        ["digital transformation", "events"],
    ),
    (
        "success_story",
        5,
        "people",
        True,
        "Phường Hải Châu rút ngắn một nửa thời gian chờ nhờ dịch vụ công trực tuyến",
        "Người dân nộp hồ sơ trên điện thoại, nhận kết quả qua bưu điện; bộ phận một cửa gần như không còn cảnh xếp hàng.",
        "Hải Châu ward halves waiting times with online public services",
        "Residents file applications from their phones and receive results by post; the one-stop desk has all but lost its queues.",
        ["dịch vụ công", "chính quyền số"],
        ["public services", "e-government"],
    ),
    (
        "success_story",
        9,
        "green",
        True,
        "Hợp tác xã rau Trà Quế đưa nông sản lên sàn thương mại điện tử",
        "Từ một làng rau truyền thống ở Hội An, hợp tác xã nay nhận đơn trực tuyến và truy xuất nguồn gốc bằng mã QR.",
        "Trà Quế vegetable cooperative takes its produce online",
        "From a traditional vegetable village in Hội An, the cooperative now takes online orders and traces every crate with a QR code.",
        ["nông nghiệp số", "thương mại điện tử"],
        ["agritech", "e-commerce"],
    ),
    (
        "success_story",
        13,
        "data",
        True,
        "Bệnh viện chuyển sang bệnh án điện tử, bệnh nhân không còn cầm hồ sơ giấy",
        "Bác sĩ xem kết quả xét nghiệm ngay trên máy tính bảng; thời gian khám trung bình giảm đáng kể.",
        "Hospital goes paperless with electronic medical records",
        "Doctors read test results on tablets at the bedside, and patients no longer carry paper files between departments.",
        ["y tế số", "dữ liệu"],
        ["healthtech", "data"],
    ),
    (
        "success_story",
        18,
        "sea",
        True,
        "Ngư dân Sơn Trà theo dõi tàu cá và thời tiết bằng thiết bị IoT",
        "Thiết bị giám sát hành trình giúp ngư dân nhận cảnh báo bão sớm và gia đình biết tàu đang ở đâu.",
        "Sơn Trà fishers track their boats and the weather with IoT devices",
        "Voyage monitors give fishers early storm warnings and let their families see where the boat is.",
        ["IoT", "thuỷ sản"],
        ["IoT", "fisheries"],
    ),
    (
        "success_story",
        24,
        "business",
        False,
        "Doanh nghiệp du lịch Hội An dùng trợ lý AI trả lời khách bằng năm ngôn ngữ",
        "Một công ty khởi nghiệp của thành phố giúp các homestay nhỏ trả lời khách quốc tế suốt ngày đêm.",
        "Hội An tourism business answers guests in five languages with an AI assistant",
        "A local start-up helps small homestays answer international guests around the clock.",
        ["du lịch thông minh", "AI"],
        ["smart tourism", "AI"],
    ),
    (
        "guide",
        4,
        "people",
        False,
        "Hướng dẫn nộp hồ sơ dịch vụ công trực tuyến từ A đến Z",
        "Từng bước đăng nhập, chọn thủ tục, đính kèm giấy tờ và theo dõi kết quả trên Cổng dịch vụ công.",
        "Step by step: applying for a public service online",
        "How to sign in, choose a procedure, attach documents and follow your application on the public services portal.",
        ["dịch vụ công", "kỹ năng số"],
        ["public services", "digital skills"],
    ),
    (
        "guide",
        11,
        "data",
        False,
        "Năm cách nhận biết tin nhắn lừa đảo trên mạng",
        "Đường link lạ, yêu cầu chuyển tiền gấp, giả danh cơ quan nhà nước: những dấu hiệu cần cảnh giác.",
        "Five ways to spot a scam message",
        "Strange links, urgent money requests and fake government senders: the signs to watch for.",
        ["an toàn thông tin", "kỹ năng số"],
        ["online safety", "digital skills"],
    ),
    (
        "guide",
        20,
        "city",
        False,
        "Bảo vệ dữ liệu cá nhân: những điều người dân cần biết",
        "Bạn có quyền biết ai đang giữ dữ liệu của mình, để làm gì, và yêu cầu xoá khi không còn cần thiết.",
        "Protecting your personal data: what every citizen should know",
        "You have the right to know who holds your data and why, and to ask for it to be deleted when it is no longer needed.",
        ["dữ liệu cá nhân", "an toàn thông tin"],
        ["personal data", "online safety"],
    ),
    (
        "announcement",
        7,
        "business",
        False,
        "Mở đăng ký gian hàng triển lãm sản phẩm Make in DaNang",
        "Doanh nghiệp công nghệ của thành phố đăng ký gian hàng và giới thiệu sản phẩm tại Ngày Chuyển đổi số.",
        "Booth applications open for the Make in DaNang showcase",
        "The city's technology companies can apply for a booth and present their products at Digital Transformation Day.",
        ["Make in DaNang", "doanh nghiệp"],
        ["Make in DaNang", "business"],
    ),
    (
        "announcement",
        15,
        "green",
        False,
        "Lịch tập huấn kỹ năng số miễn phí cho người dân tại các phường, xã",
        "Các lớp học ngắn về dùng ứng dụng dịch vụ công, thanh toán không tiền mặt và an toàn trên mạng.",
        "Free digital skills classes in every ward and commune",
        "Short classes on public service apps, cashless payments and staying safe online.",
        ["kỹ năng số", "cộng đồng số"],
        ["digital skills", "community"],
    ),
    (
        "news",
        3,
        "sea",
        False,
        "Đường dây nóng 1022 mở rộng kênh tiếp nhận qua Zalo và chatbot",
        "Người dân có thể gửi câu hỏi, phản ánh và theo dõi kết quả xử lý ngay trên ứng dụng quen thuộc.",
        "The 1022 hotline now also answers on Zalo and by chatbot",
        "Citizens can send questions and reports and follow how they are handled, in an app they already use.",
        ["1022", "chính quyền số"],
        ["1022", "e-government"],
    ),
    (
        "news",
        10,
        "data",
        False,
        "Hội thảo chuyển đổi số cho doanh nghiệp nhỏ và vừa thu hút hàng trăm người tham dự",
        "Chủ doanh nghiệp chia sẻ kinh nghiệm số hoá bán hàng, kế toán và chăm sóc khách hàng với chi phí thấp.",
        "Hundreds attend the digital transformation workshop for small businesses",
        "Business owners shared how they digitised sales, accounting and customer care on a small budget.",
        ["doanh nghiệp", "hội thảo"],
        ["business", "workshops"],
    ),
    (
        "news",
        27,
        "city",
        False,
        "Trung tâm IOC giới thiệu bản đồ số giao thông và ngập lụt thời gian thực",
        "Dữ liệu từ cảm biến và camera giúp người dân chọn đường đi an toàn trong mùa mưa bão.",
        "The IOC presents a live digital map of traffic and flooding",
        "Sensor and camera data help people choose a safe route in the rainy season.",
        ["thành phố thông minh", "dữ liệu"],
        ["smart city", "data"],
    ),
]


def article_body(intro, category, language):
    if language == "vi":
        paragraphs = [
            f"{intro}",
            "Theo ban tổ chức, câu chuyện này cho thấy chuyển đổi số bắt đầu từ những việc nhỏ, gần gũi, "
            "và hiệu quả nhất khi người dùng được lắng nghe ngay từ đầu.",
        ]
        quote = (
            "Điều quan trọng là người dân thấy tiện hơn, không phải có thêm một ứng dụng mới.",
            "Một cán bộ phường",
        )
        heading = "Bài học kinh nghiệm" if category == "success_story" else "Thông tin thêm"
        more = "Cần hỗ trợ? Gọi 1022 hoặc gửi câu hỏi trên trang Hỗ trợ của Ngày Chuyển đổi số."
    else:
        paragraphs = [
            f"{intro}",
            "The organisers say the story shows that digital transformation starts with small, everyday "
            "changes, and works best when users are listened to from the start.",
        ]
        quote = (
            "What matters is that people find things easier, not that they get one more app.",
            "A ward official",
        )
        heading = "Lessons learned" if category == "success_story" else "Find out more"
        more = "Need help? Call 1022 or send a question from the Digital Transformation Day support page."
    return stream(
        ("paragraph", rich(*paragraphs)),
        ("quote", {"quote": quote[0], "attribution": quote[1]}),
        ("heading", {"text": heading, "level": "h2"}),
        ("paragraph", rich(more)),
    )


MAX_NEWS_ROUNDS = 6


def build_news(home, home_en, images, scale, today, year):
    index, index_en = ensure_translated(
        home,
        home_en,
        NewsIndexPage,
        slug="chuyen-muc-chuyen-doi-so",
        slug_en="digital-transformation-news",
        vi={
            "title": "Chuyên mục chuyển đổi số",
            "intro": "Tin tức, câu chuyện thành công, hướng dẫn và thông báo về chuyển đổi số ở Đà Nẵng.",
        },
        en={
            "title": "Digital transformation column",
            "intro": "News, success stories, guides and announcements about digital transformation in Đà Nẵng.",
        },
    )
    count = 0
    # Pages are slow to create (tree, revisions, search index); a few hundred articles are enough to
    # measure a news column, so `--scale` stops multiplying them at MAX_NEWS_ROUNDS.
    for round_ in range(min(scale, MAX_NEWS_ROUNDS)):
        for number, row in enumerate(ARTICLES, start=1):
            category, days, image, featured, title_vi, intro_vi, title_en, intro_en, tags_vi, tags_en = row
            suffix = f" ({round_ + 1})" if round_ else ""
            slug_suffix = f"-{round_ + 1}" if round_ else ""
            date = today - datetime.timedelta(days=days + 30 * round_)
            ensure_translated(
                index,
                index_en,
                ArticlePage,
                slug=f"bai-{number:02d}{slug_suffix}",
                slug_en=f"article-{number:02d}{slug_suffix}",
                vi={
                    "title": title_vi.format(year=year) + suffix,
                    "intro": intro_vi,
                    "date": date,
                    "category": category,
                    "image": images[image],
                    "featured_on_home": featured and not round_,
                    "body": article_body(intro_vi, category, "vi"),
                },
                en={
                    "title": title_en.format(year=year) + suffix,
                    "intro": intro_en,
                    "body": article_body(intro_en, category, "en"),
                },
                tags_vi=tags_vi,
                tags_en=tags_en,
            )
            count += 1
    return index, index_en, count


def build_settings(site, menu_pages):
    contact = SiteContactSettings.for_site(site)
    if not contact.hotline:
        contact.hotline = "1022"
        contact.hotline_backup = "0236 383 1022"
        contact.email = "ngaychuyendoiso@danang.gov.vn"
        contact.zalo_url = "https://zalo.me/danang1022"
        contact.facebook_url = "https://www.facebook.com/danang1022"
        contact.website_url = "https://1022.danang.gov.vn"
        contact.organiser_vi = "Sở Khoa học và Công nghệ thành phố Đà Nẵng · Trung tâm Giám sát điều hành đô thị thông minh (IOC)"
        contact.organiser_en = (
            "Đà Nẵng Department of Science and Technology · Intelligent Operations Center (IOC)"
        )
        contact.address_vi = "Trung tâm Hành chính thành phố, 24 Trần Phú, Hải Châu, Đà Nẵng"
        contact.address_en = "City Administrative Centre, 24 Trần Phú, Hải Châu, Đà Nẵng"
        contact.hours_vi = "Tổng đài 1022 hoạt động 24/7"
        contact.hours_en = "The 1022 line answers 24/7"
        contact.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        navigation.main_menu = json.dumps(
            [
                {"type": "item", "value": {"page": page.pk, "label_vi": "", "label_en": ""}}
                for page in menu_pages
            ]
        )
        navigation.save()


def build_home(home, home_en, featured_vi, about, support, images, day):
    """Fill the home page once (its text is the editors' after that)."""
    # Fresh copies: the ones in memory may hold a stale child count (translations were added since).
    home = HomePage.objects.get(pk=home.pk)
    home_en = HomePage.objects.get(pk=home_en.pk)
    if home.body:
        return
    date_vi = day.strftime("%d/%m/%Y")
    home.intro = (
        f"Ngày {date_vi}, thành phố mời người dân, doanh nghiệp và cơ quan nhà nước cùng trải nghiệm, "
        "thảo luận và lan toả chuyển đổi số."
    )
    home.about_heading = "Ngày Chuyển đổi số là gì?"
    home.body = rich(
        "Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia. Tại Đà Nẵng, đó là dịp giới thiệu dịch vụ công "
        "trực tuyến mới, tôn vinh những mô hình chuyển đổi số tiêu biểu và ra mắt sản phẩm <b>Make in DaNang</b>.",
        "Quanh năm, thành phố tổ chức hội thảo, tập huấn kỹ năng số cho người dân (dùng dịch vụ công trực tuyến, "
        "an toàn trên mạng, bảo vệ dữ liệu cá nhân) và duy trì đường dây nóng 1022 để hỗ trợ mọi người.",
    )
    home.hero_image = images["city"]
    home.primary_cta_text = "Tìm hiểu thêm"
    home.primary_cta_page = about
    home.featured_heading = "Dành cho bạn"
    featured = json.dumps(
        [{"type": "page", "value": {"page": page.pk, "title": "", "summary": ""}} for page in featured_vi]
    )
    home.featured = featured
    home.save_revision().publish()
    home_en.intro = (
        f"On {day.strftime('%d %B %Y')}, the city invites citizens, businesses and public agencies to try out, "
        "discuss and spread digital transformation."
    )
    home_en.about_heading = "What is Digital Transformation Day?"
    home_en.body = rich(
        "10 October is Vietnam's National Digital Transformation Day. In Đà Nẵng it is when new online public "
        "services are launched, outstanding digital transformation stories are honoured and <b>Make in DaNang</b> "
        "products are presented.",
        "All year round the city runs workshops and digital-skills training for citizens (using online public "
        "services, staying safe online, protecting personal data) and the 1022 hotline to help everyone.",
    )
    home_en.hero_image = images["city"]
    home_en.primary_cta_text = "Find out more"
    home_en.primary_cta_page = about
    home_en.featured_heading = "For you"
    home_en.featured = featured
    home_en.save_revision().publish()


def load(scale, rng, log):
    home, home_en = ensure_home(log)
    today = timezone.localdate()
    day = next_digital_day(today)
    images = build_images()
    support, support_en = build_support(home, home_en)
    (about, _), (venue, _), (privacy, _) = build_standard_pages(
        home, home_en, support, support_en, day, images
    )
    index, _, count = build_news(home, home_en, images, scale, today, day.year)
    build_settings(home.get_site(), [about, venue, index, support])
    build_home(home, home_en, [about, venue, support], about, support, images, day)
    # Pages made before the search table existed (an older database) get their folded text too.
    from content.search import rebuild_index

    rebuild_index()
    log(f"  home, 3 standard pages, support page, news column with {count} articles (vi + en)")
