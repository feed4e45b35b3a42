"""A section of a draft: its text, and after the consultation the editors' response to its comments."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RESPONSE_CHOICES = [
    ("accepted", _("Accepted")),
    ("explained", _("Explained")),
    ("not_accepted", _("Not accepted")),
]


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=255)
    body = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "ol", "ul", "link"])
    response_kind = blocks.ChoiceBlock(
        label=_("response"),
        choices=RESPONSE_CHOICES,
        required=False,
        help_text=_("After the consultation closes: what became of this section's comments."),
    )
    response = blocks.RichTextBlock(
        label=_("response text"),
        required=False,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Why: what was changed, explained, or not accepted, and because of what."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")
