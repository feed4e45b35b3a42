"""StreamField blocks for editorial pages: small StructBlocks, each with an icon and a template."""

import re
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so the page outline stays correct under the page's h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=pgettext_lazy("heading", "Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "content/blocks/heading.html"
        preview_value = {"text": "Chuyển đổi số vì người dân", "level": "h2"}

    def get_searchable_content(self, value):
        # The words a reader sees, never the level's label ("Mục (h2)") that StructBlock would add.
        return [value["text"]]


class CaptionedImageBlock(blocks.StructBlock):
    """An image with an optional caption and credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty to use the image title."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "content/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote.html"
        preview_value = {
            "quote": "Người dân là trung tâm của chuyển đổi số.",
            "attribution": "Ban tổ chức",
        }


class CallToActionBlock(blocks.StructBlock):
    """A button to a page of this site or to another address."""

    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[("primary", _("Primary")), ("secondary", _("Secondary"))],
        default="primary",
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": forms.ValidationError(_("Choose a page or enter an address."))}
            )
        return value

    def get_searchable_content(self, value):
        return [value["text"]]  # not the style's label ("Chính")

    class Meta:
        icon = "link"
        label = _("Call-to-action button")
        template = "content/blocks/call_to_action.html"


YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


class VideoValue(blocks.StructValue):
    @cached_property
    def embed_url(self):
        """A privacy-friendly player address built from the link itself (no oEmbed call at render time)."""
        return video_embed_url(self.get("url") or "")


def video_embed_url(url):
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    if video_id and YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    return None


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, with a title for screen readers and a plain link as fallback."""

    url = blocks.URLBlock(label=_("Video link"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Video title"), max_length=200)

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value.get("url") or ""):
            raise blocks.StructBlockValidationError(
                block_errors={"url": forms.ValidationError(_("Enter a YouTube or Vimeo video address."))}
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "content/blocks/video.html"
        value_class = VideoValue


class QuestionAnswerBlock(blocks.StructBlock):
    """One frequently asked question and its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "content/blocks/question_answer.html"
        preview_value = {
            "question": "Tham dự Ngày Chuyển đổi số có mất phí không?",
            "answer": "<p>Phần lớn hoạt động miễn phí; một số hội thảo chuyên sâu cần đăng ký trước.</p>",
        }


class FeaturedLinkBlock(blocks.StructBlock):
    """A page shown as a card on the home page; title and summary default to the page's own."""

    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Leave empty to use the page title.")
    )
    summary = blocks.TextBlock(label=_("Summary"), required=False)

    class Meta:
        icon = "pick"
        label = _("Featured page")
        template = "content/blocks/featured_link.html"


class MenuItemBlock(blocks.StructBlock):
    """An item of the header menu; shown in each language as that language's version of the page."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label_vi = blocks.CharBlock(label=_("Label in Vietnamese"), required=False, max_length=60)
    label_en = blocks.CharBlock(label=_("Label in English"), required=False, max_length=60)

    class Meta:
        icon = "link"
        label = _("Menu item")


class BodyBlock(blocks.StreamBlock):
    """What editors can put in the body of a standard page or article."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "hr"],
        template="content/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
    table = TableBlock(label=_("Table"), template="content/blocks/table.html")

    class Meta:
        label = _("Body")


class FAQBlock(blocks.StreamBlock):
    question = QuestionAnswerBlock()
    heading = HeadingBlock()
