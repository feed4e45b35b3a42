"""The venue map: floor plans of an event's venue, and the rectangles and points placed on them.

A plan has its own coordinate system (its SVG viewBox, or its image's pixels); everything placed on it
(rooms here, booths in the exhibitors app) is a rectangle in those units, inside the plan, overlapping
nothing else on it. `PlacedOnPlan` holds that rule once for every model that places things on a plan.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel

from core.translation import TranslatedField
from events.validators import plan_size, validate_plan_file

PLACEMENT_FIELDS = ("floor_plan", "x", "y", "width", "height")


class FloorPlan(models.Model):
    """One drawing of a hall and floor of an event's venue (SVG, PNG, JPEG or WebP)."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="floor_plans"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    hall = models.CharField(_("hall"), max_length=60, help_text=_("As written on the booths, for example A."))
    floor = models.SmallIntegerField(_("floor"), default=1)
    image = models.FileField(
        _("plan drawing"),
        upload_to="floor-plans/",
        validators=[validate_plan_file],
        help_text=_("An SVG with a viewBox, or a PNG, JPEG or WebP image; at most 5 MB."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    name = TranslatedField()

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("hall"), FieldPanel("floor"), FieldPanel("sort_order")]),
        FieldPanel("image"),
        HelpPanel(
            content=_(
                "Coordinates of booths, rooms and points are in the drawing's units: the SVG's viewBox, "
                "or the image's pixels, from the top left corner."
            )
        ),
    ]

    class Meta:
        ordering = ["event", "sort_order", "floor", "hall", "id"]
        verbose_name = _("floor plan")
        verbose_name_plural = _("floor plans")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.image and not self.width:
            self.width, self.height = plan_size(self.image)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.image:
            return
        self.width, self.height = plan_size(self.image)
        if self.pk:
            outside = [
                str(item)
                for item in self.placed()
                if item.is_placed and (item.x + item.width > self.width or item.y + item.height > self.height)
            ]
            if outside:
                raise ValidationError(
                    {
                        "image": _("The new drawing is too small for what is placed on it: %(names)s.")
                        % {"names": ", ".join(outside)}
                    }
                )

    def placed(self):
        """Everything placed on this plan, of every model that places things on plans."""
        for relation in self._meta.related_objects:
            if issubclass(relation.related_model, PlacedOnPlan):
                yield from relation.related_model._default_manager.filter(floor_plan=self)


class PlacedOnPlan(models.Model):
    """A rectangle on a floor plan: inside the plan and over nothing else placed on it."""

    floor_plan = models.ForeignKey(
        FloorPlan,
        verbose_name=_("floor plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
    )
    x = models.PositiveIntegerField(_("x"), null=True, blank=True, help_text=_("From the plan's left edge."))
    y = models.PositiveIntegerField(_("y"), null=True, blank=True, help_text=_("From the plan's top edge."))
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)

    placement_panels = [
        FieldPanel("floor_plan"),
        FieldRowPanel([FieldPanel("x"), FieldPanel("y"), FieldPanel("width"), FieldPanel("height")]),
    ]

    class Meta:
        abstract = True

    @property
    def is_placed(self):
        return self.floor_plan_id is not None and None not in (self.x, self.y, self.width, self.height)

    @property
    def rectangle(self):
        return (self.x, self.y, self.width, self.height) if self.is_placed else None

    def overlaps(self, other):
        ax, ay, aw, ah = self.rectangle
        bx, by, bw, bh = other.rectangle
        # Touching edges are allowed: booths in a row share their walls.
        return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah

    def clean(self):
        super().clean()
        numbers = (self.x, self.y, self.width, self.height)
        if self.floor_plan_id is None:
            if any(value is not None for value in numbers):
                raise ValidationError({"floor_plan": _("Choose the floor plan these coordinates are on.")})
            return
        if None in numbers:
            raise ValidationError({"x": _("Give x, y, width and height to place this on the plan.")})
        if not self.width or not self.height:
            raise ValidationError({"width": _("Width and height must be more than 0.")})
        plan = self.floor_plan
        if getattr(self, "event_id", None) and plan.event_id != self.event_id:
            raise ValidationError({"floor_plan": _("This floor plan belongs to another event.")})
        if self.x + self.width > plan.width or self.y + self.height > plan.height:
            raise ValidationError(
                {
                    "x": _("The rectangle must lie inside the plan (%(width)s × %(height)s).")
                    % {"width": plan.width, "height": plan.height}
                }
            )
        for other in plan.placed():
            if type(other) is type(self) and other.pk == self.pk:
                continue
            if other.is_placed and self.overlaps(other):
                raise ValidationError(
                    {"x": _("This overlaps %(other)s on the plan.") % {"other": other}}, code="overlap"
                )


def with_label(item, text):
    """Give a placed rectangle its centre and a font size at which `text` fits inside it (for drawing)."""
    item.cx = item.x + item.width / 2
    item.cy = item.y + item.height / 2
    item.font = round(min(item.height / 3, item.width / (0.62 * max(len(text), 1) + 0.5)), 1)
    return item


def new_point_code():
    return secrets.token_urlsafe(6)


class MapPoint(models.Model):
    """A "you are here" point: its printed QR code opens the event's map centred on it."""

    floor_plan = models.ForeignKey(
        FloorPlan, verbose_name=_("floor plan"), on_delete=models.CASCADE, related_name="points"
    )
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)
    x = models.PositiveIntegerField(_("x"))
    y = models.PositiveIntegerField(_("y"))
    code = models.SlugField(
        _("code"), max_length=20, unique=True, default=new_point_code, help_text=_("In the QR code's link.")
    )

    label = TranslatedField()

    panels = [
        FieldPanel("floor_plan"),
        FieldRowPanel([FieldPanel("label_vi"), FieldPanel("label_en")]),
        FieldRowPanel([FieldPanel("x"), FieldPanel("y")]),
        FieldPanel("code"),
    ]

    class Meta:
        ordering = ["floor_plan", "id"]
        verbose_name = _("“you are here” point")
        verbose_name_plural = _("“you are here” points")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        plan = self.floor_plan if self.floor_plan_id else None
        if (
            plan
            and self.x is not None
            and self.y is not None
            and (self.x > plan.width or self.y > plan.height)
        ):
            raise ValidationError(
                {
                    "x": _("The point must lie inside the plan (%(width)s × %(height)s).")
                    % {"width": plan.width, "height": plan.height}
                }
            )
