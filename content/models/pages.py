"""Editorial pages: the home page, standard pages, the news column and the support page."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BodyBlock, FAQBlock, FeaturedLinkBlock
from content.forms import SupportRequestForm
from content.models.support import as_support_reference
from events.models import EventType
from events.queries import featured_sessions, featured_speakers, next_event, upcoming_events

IMAGE_MODEL = get_image_model_string()
CARD_RENDITION = "fill-640x360"


def with_card_images(queryset):
    """Fetch each card's image and its card-size rendition with the list, not one query per card."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return queryset.select_related("locale").prefetch_related(Prefetch("image", queryset=images))


class HomePage(Page):
    """The front page of one language's site: what the Day is, the next event, featured content."""

    intro = models.CharField(
        _("intro"), max_length=300, blank=True, help_text=_("One or two sentences under the title.")
    )
    hero_image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_heading = models.CharField(_("about heading"), max_length=120, blank=True)
    body = RichTextField(
        _("about the Day"), blank=True, help_text=_("What the Day is, who it is for, why it matters.")
    )
    primary_cta_text = models.CharField(_("main button text"), max_length=80, blank=True)
    primary_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("main button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_heading = models.CharField(_("featured heading"), max_length=120, blank=True)
    featured = StreamField(
        [("page", FeaturedLinkBlock())],
        verbose_name=_("featured content"),
        blank=True,
        help_text=_("Pages shown as cards. Each is shown in the visitor's language when translated."),
    )
    news_count = models.PositiveSmallIntegerField(
        _("number of latest news"), default=3, help_text=_("0 hides the latest news.")
    )
    stories_count = models.PositiveSmallIntegerField(
        _("number of success stories"),
        default=3,
        help_text=_("Success stories marked 'feature on the home page', newest first. 0 hides them."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldPanel("primary_cta_text"),
                FieldPanel("primary_cta_page"),
            ],
            heading=_("Top of the page"),
        ),
        MultiFieldPanel([FieldPanel("about_heading"), FieldPanel("body")], heading=_("About the Day")),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The next event and its featured sessions and speakers come from the programme; "
                        "featured exhibitors and products from the showcase. Choose extra pages here."
                    )
                ),
                FieldPanel("featured_heading"),
                FieldPanel("featured"),
            ],
            heading=_("Featured content"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("news_count"), FieldPanel("stories_count")])],
            heading=_("News and success stories"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def latest_news(self):
        if not self.news_count:
            return []
        articles = ArticlePage.objects.live().public().filter(locale_id=self.locale_id)
        return list(with_card_images(articles).order_by("-date", "-pk")[: self.news_count])

    def success_stories(self):
        if not self.stories_count:
            return []
        stories = (
            ArticlePage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id, category=ArticlePage.Category.SUCCESS_STORY, featured_on_home=True
            )
        )
        return list(with_card_images(stories).order_by("-date", "-pk")[: self.stories_count])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = self.latest_news()
        context["success_stories"] = self.success_stories()
        context["news_index"] = NewsIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        context.update(self.programme())
        return context

    def programme(self):
        """The next Digital Transformation Day (else the next event) in this page's language, its
        featured sessions and speakers, and the soonest other event when one comes first."""
        soonest = next_event(self.locale)
        event = soonest
        if soonest is not None and soonest.event_type != EventType.DIGITAL_DAY:
            day = upcoming_events(self.locale).filter(event_type=EventType.DIGITAL_DAY)
            event = day.select_related("cover_image", "locale").first() or soonest
        return {
            "next_event": event,
            "sooner_event": soonest if soonest is not None and soonest.pk != event.pk else None,
            "featured_sessions": featured_sessions(event, limit=3),
            "featured_speakers": featured_speakers(event, limit=4),
        }


class StandardPage(Page):
    """An ordinary page (about the Day, venue, privacy notice…) built from body blocks."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.HomePage", "content.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class NewsIndexPage(Page):
    """The digital-transformation column: articles filtered by category and tag, newest first."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)
    per_page = 9

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self):
        return ArticlePage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        category = request.GET.get("category", "")
        if category not in ArticlePage.Category.values:
            category = ""
        tag = request.GET.get("tag", "")
        tags = list(
            Tag.objects.filter(content_articlepagetag_items__content_object__in=articles)
            .distinct()
            .order_by("name")
        )
        active_tag = next((t for t in tags if t.slug == tag), None)
        if category:
            articles = articles.filter(category=category)
        if active_tag:
            articles = articles.filter(tagged_items__tag=active_tag)
        paginator = Paginator(with_card_images(articles).order_by("-date", "-pk"), self.per_page)
        # Django's get_page: a bad number gives the first page, one past the end the last.
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            articles=page_obj.object_list,
            page_obj=page_obj,
            categories=ArticlePage.Category.choices,
            active_category=category,
            tags=tags,
            active_tag=active_tag,
        )
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("content.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(Page):
    """A news item, success story, guide or announcement in the digital-transformation column."""

    class Category(models.TextChoices):
        NEWS = "news", _("News")
        SUCCESS_STORY = "success_story", _("Success story")
        GUIDE = "guide", _("Guide")
        ANNOUNCEMENT = "announcement", _("Announcement")

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(
        pgettext_lazy("article", "category"), max_length=20, choices=Category.choices, default=Category.NEWS
    )
    image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("intro"), max_length=500, help_text=_("Shown on cards and in the feed."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=ArticlePageTag, blank=True)
    featured_on_home = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_("Success stories with this ticked appear on the home page."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("category")]), FieldPanel("tags")],
            heading=_("Classification"),
        ),
        FieldPanel("image"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured_on_home")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = list(
            with_card_images(
                ArticlePage.objects.live()
                .public()
                .sibling_of(self, inclusive=False)
                .filter(category=self.category)
                .order_by("-date", "-pk")
            )[:3]
        )
        return context


class SupportPage(Page):
    """The hotline and support channels, the FAQ and the support request form."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)
    faq = StreamField(FAQBlock(), verbose_name=_("frequently asked questions"), blank=True)
    form_heading = models.CharField(_("form heading"), max_length=120, blank=True)
    form_intro = models.TextField(_("form intro"), blank=True, max_length=500)
    thank_you = models.TextField(
        _("thank-you message"),
        blank=True,
        max_length=500,
        help_text=_("Shown after a request is sent. Leave empty for the standard message."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            content=_("The hotline, e-mail, Zalo and Facebook links come from Settings › Contact details."),
        ),
        FieldPanel("faq"),
        MultiFieldPanel(
            [FieldPanel("form_heading"), FieldPanel("form_intro"), FieldPanel("thank_you")],
            heading=_("Support request form"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("faq")]
    parent_page_types = ["content.HomePage"]
    subpage_types: list = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("support page")
        verbose_name_plural = _("support pages")

    def faq_items(self):
        return [block.value for block in self.faq if block.block_type == "question"]

    def faq_json_ld(self):
        """schema.org FAQPage data, so search engines can show the answers; None without questions."""
        items = self.faq_items()
        if not items:
            return None
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
                }
                for item in items
            ],
        }

    def get_context(self, request, *args, **kwargs):
        # A POST (the form sent) is answered by content.views.support_request, through the
        # on_serve_page hook in wagtail_hooks.py: state changes go through services, which models
        # do not import.
        context = super().get_context(request, *args, **kwargs)
        context.update(
            form=SupportRequestForm(),
            sent=request.method == "GET" and "sent" in request.GET,
            sent_reference=as_support_reference(request.GET.get("sent", ""))
            if request.method == "GET"
            else "",
            json_ld=self.faq_json_ld(),
        )
        return context
