"""People's choice: a round of voting for Make in DaNang products at one event, and the tickets' votes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exhibitors.models import Product, ProductCategory
from registration.models import Ticket


class VoteRound(models.Model):
    """One people's-choice vote at an event: when it is open, which product categories, whether results show."""

    event = models.OneToOneField(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="vote_round"
    )
    opens_at = models.DateTimeField(_("voting opens at"))
    closes_at = models.DateTimeField(_("voting closes at"))
    # Values of the catalogue's ProductCategory: a JSON list, so it works on SQLite and PostgreSQL alike.
    categories = models.JSONField(_("categories"), default=list)
    results_published = models.BooleanField(
        _("results published"), default=False, help_text=_("Show the results on the public results page.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("people's choice vote")
        verbose_name_plural = _("people's choice votes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            )
        ]

    def __str__(self):
        return str(self.event)

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Voting must close after it opens.")})
        unknown = set(self.categories or []) - set(ProductCategory.values)
        if unknown or not self.categories:
            raise ValidationError({"categories": _("Choose at least one product category.")})

    def is_open(self, now):
        return self.opens_at <= now < self.closes_at

    @property
    def category_choices(self):
        """(value, label) of the round's categories, in the catalogue's order."""
        return [(value, label) for value, label in ProductCategory.choices if value in self.categories]


class Vote(models.Model):
    """A ticket's choice of one product in one category of a round; voting again replaces it."""

    round = models.ForeignKey(
        VoteRound, verbose_name=_("people's choice vote"), on_delete=models.CASCADE, related_name="votes"
    )
    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="+")
    category = models.CharField(
        pgettext_lazy("product", "category"), max_length=20, choices=ProductCategory.choices
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("people's choice ballot")
        verbose_name_plural = _("people's choice ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "round", "category"], name="one_vote_per_ticket_and_category"
            )
        ]
        indexes = [models.Index(fields=["round", "category", "product"])]

    def __str__(self):
        return f"{self.round} · {self.get_category_display()}"
