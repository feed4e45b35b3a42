"""Reading consultations: counts for lists and the API, and the published comments of a page."""

from collections import defaultdict

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from consultations.models import CommentStatus, ConsultationComment, ConsultationPage, Stage

# What a public page may show of a comment: never the e-mail address.
PUBLIC_FIELDS = ("pk", "section_id", "name", "organisation", "text", "created_at")


def with_counts(queryset):
    """Each consultation with `published_comments`, counted over all its languages, in the same query."""
    published = (
        ConsultationComment.objects.filter(
            consultation_key=OuterRef("translation_key"), status=CommentStatus.PUBLISHED
        )
        .order_by()
        .values("consultation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        published_comments=Coalesce(Subquery(published, output_field=IntegerField()), Value(0))
    )


def public_consultations():
    return with_counts(ConsultationPage.objects.live().public().select_related("locale", "document"))


def consultations_by_status(index_page):
    """The index page's consultations in its language: open, upcoming and closed."""
    pages = with_counts(ConsultationPage.objects.live().public().child_of(index_page)).order_by(
        "-opens_at", "pk"
    )
    groups = {Stage.OPEN: [], Stage.UPCOMING: [], Stage.CLOSED: []}
    for page in pages:
        groups[page.stage()].append(page)
    return [(stage, groups[stage]) for stage in (Stage.OPEN, Stage.UPCOMING, Stage.CLOSED)]


def published_comments_by_section(page):
    """{section block id: [published comments]}, in every language of the consultation."""
    comments = ConsultationComment.objects.filter(
        consultation_key=page.translation_key, status=CommentStatus.PUBLISHED
    ).values(*PUBLIC_FIELDS)
    by_section = defaultdict(list)
    for comment in comments:
        by_section[comment["section_id"]].append(comment)
    return dict(by_section)
