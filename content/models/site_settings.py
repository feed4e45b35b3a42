"""Site-wide settings editors change in Settings: contact details and the header menu."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from content.blocks import MenuItemBlock


@register_setting(icon="mail")
class SiteContactSettings(BaseSiteSetting):
    """The hotline and support channels shown in the footer and on the support page."""

    hotline = models.CharField(_("hotline"), max_length=20, blank=True, help_text=_("For example 1022."))
    hotline_backup = models.CharField(_("backup phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    website_url = models.URLField(_("website"), blank=True)
    organiser_vi = models.CharField(_("organiser (Vietnamese)"), max_length=200, blank=True)
    organiser_en = models.CharField(_("organiser (English)"), max_length=200, blank=True)
    address_vi = models.CharField(_("address (Vietnamese)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    hours_vi = models.CharField(_("opening hours (Vietnamese)"), max_length=200, blank=True)
    hours_en = models.CharField(_("opening hours (English)"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("hotline"), FieldPanel("hotline_backup")]), FieldPanel("email")],
            heading=_("Phone and e-mail"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("zalo_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("website_url"),
            ],
            heading=_("Online channels"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organiser_vi"), FieldPanel("organiser_en")]),
                FieldRowPanel([FieldPanel("address_vi"), FieldPanel("address_en")]),
                FieldRowPanel([FieldPanel("hours_vi"), FieldPanel("hours_en")]),
            ],
            heading=_("Organiser and address"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details")

    def _translated(self, name):
        language = (get_language() or "vi").split("-")[0]
        return getattr(self, f"{name}_{language}", "") or getattr(self, f"{name}_vi")

    @property
    def organiser(self):
        return self._translated("organiser")

    @property
    def address(self):
        return self._translated("address")

    @property
    def hours(self):
        return self._translated("hours")

    @property
    def hotline_tel(self):
        return "".join(char for char in self.hotline if char.isdigit() or char == "+")

    @property
    def backup_tel(self):
        return "".join(char for char in self.hotline_backup if char.isdigit() or char == "+")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The header menu: pages in order, each shown in the visitor's language."""

    main_menu = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("main menu"),
        blank=True,
        help_text=_("Choose the Vietnamese pages; visitors of the English site see their translations."),
    )

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = _("navigation")
