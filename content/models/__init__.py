"""The content app's data: editorial pages (pages.py), support requests (support.py), the site
search's folded text (search_text.py) and site settings (site_settings.py)."""

from content.models.pages import (
    ArticlePage,
    ArticlePageTag,
    HomePage,
    NewsIndexPage,
    StandardPage,
    SupportPage,
    with_card_images,
)
from content.models.search_text import SearchText
from content.models.site_settings import NavigationSettings, SiteContactSettings
from content.models.support import SupportReply, SupportRequest

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "HomePage",
    "NavigationSettings",
    "NewsIndexPage",
    "SearchText",
    "SiteContactSettings",
    "StandardPage",
    "SupportPage",
    "SupportReply",
    "SupportRequest",
    "with_card_images",
]
