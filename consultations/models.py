"""Public consultation on draft documents (Góp ý dự thảo): the draft as a page split into sections, the
comments citizens and businesses send on a section, and the editors' response to each section.

A comment belongs to the consultation in every language (`consultation_key`, the page's translation key)
and to a section by its block id, which wagtail-localize keeps in the translation: the vi and en pages
show the same comments and counts.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from consultations.blocks import RESPONSE_CHOICES, SectionBlock


class ConsultationIndexPage(Page):
    """The list of consultations, open ones first, each with its counts."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation list")
        verbose_name_plural = _("consultation lists")

    def get_context(self, request, *args, **kwargs):
        # Imported here: queries import the models of this module.
        from consultations.queries import consultations_by_status

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = consultations_by_status(self)
        return context


class Stage(models.TextChoices):
    """Where a consultation stands, from its dates."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")


class ConsultationPage(Page):
    """A draft policy, plan or regulation open for comments between two dates, section by section."""

    intro = models.TextField(
        _("summary"), max_length=1000, blank=True, help_text=_("What the draft is about, in a few sentences.")
    )
    drafting_body = models.CharField(
        _("drafting body"),
        max_length=200,
        blank=True,
        help_text=_("Who drafts it, e.g. the city's department."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("full text (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("opens for comments at"))
    closes_at = models.DateTimeField(_("closes at"))
    sections = StreamField(
        [("section", SectionBlock())],
        verbose_name=_("sections"),
        blank=True,
        help_text=_(
            "People comment on one section at a time. Write the responses once the consultation closes."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("drafting_body"), FieldPanel("document")],
            heading=_("The draft"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(content=_("Times are in Vietnam time (Asia/Ho_Chi_Minh).")),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Comment period"),
        ),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("sections")]
    parent_page_types = ["consultations.ConsultationIndexPage", "content.HomePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})

    def stage(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return Stage.UPCOMING
        return Stage.OPEN if now < self.closes_at else Stage.CLOSED

    def get_stage_display(self):
        return self.stage().label

    def is_open(self, now=None):
        return self.stage(now) == Stage.OPEN

    def section_choices(self):
        return [(block.id, block.value["title"]) for block in self.sections if block.block_type == "section"]

    def get_context(self, request, *args, **kwargs):
        # Imported here: forms and queries import this module's models.
        from consultations.forms import CommentForm
        from consultations.queries import published_comments_by_section

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", CommentForm(sections=self.section_choices()))
        comments = published_comments_by_section(self)
        responses = dict(RESPONSE_CHOICES)
        context["sections"] = [
            {
                "block": block,
                "comments": comments.get(block.id, []),
                "response_label": responses.get(block.value["response_kind"], ""),
            }
            for block in self.sections
            if block.block_type == "section"
        ]
        context["stage"] = self.stage()
        context["sent"] = request.method == "GET" and request.GET.get("sent") == "1"
        return context


class CommentStatus(models.TextChoices):
    """A comment's way: confirmed by its author, then moderated. No step can be skipped."""

    PENDING_CONFIRMATION = "pending_confirmation", _("Awaiting e-mail confirmation")
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class ConsultationComment(models.Model):
    """A citizen's or business's comment on one section of a draft; public only once moderated."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="comments"
    )
    consultation_key = models.UUIDField(editable=False, db_index=True)
    section_id = models.CharField(_("section"), max_length=64, editable=False)
    section_title = models.CharField(
        _("section title"),
        max_length=255,
        editable=False,
        help_text=_("As it was when the comment was sent."),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    text = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=24, choices=CommentStatus.choices, default=CommentStatus.PENDING_CONFIRMATION
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("consent wording"), help_text=_("The sentence the person agreed to."))
    consent_policy_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation_key", "status"])]

    def __str__(self):
        return f"{self.section_title} · {self.text[:50]}"
