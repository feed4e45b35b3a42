"""The floor-plan editor in the Wagtail admin: see which booths are free, assigned or paid, and place a
booth or a room by drawing its rectangle on the plan or typing its coordinates; QR codes of the
"you are here" points. Thin views: placing goes through events.services.place_on_plan."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.links import absolute_url
from core.qr import qr_svg
from events import services as event_services
from events.models import FloorPlan, MapPoint, Room
from events.models.venue import with_label
from exhibitors import venue_map
from exhibitors.models import Booth, BoothStatus

STATUS_FILLS = {BoothStatus.FREE: "#ffffff", BoothStatus.ASSIGNED: "#fdf0d5", BoothStatus.PAID: "#d6f0dc"}


class PlacementForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Booth or room"))
    x = forms.IntegerField(label="x", min_value=0, required=False)
    y = forms.IntegerField(label="y", min_value=0, required=False)
    width = forms.IntegerField(label=gettext_lazy("width"), min_value=1, required=False)
    height = forms.IntegerField(label=gettext_lazy("height"), min_value=1, required=False)
    remove = forms.BooleanField(label=gettext_lazy("Take it off the plan"), required=False)

    def __init__(self, *args, booths, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {f"booth-{b.pk}": b for b in booths} | {f"room-{r.pk}": r for r in rooms}
        self.fields["item"].choices = [
            (_("Booths"), [(f"booth-{b.pk}", f"{b.number}{' ✓' if b.is_placed else ''}") for b in booths]),
            (_("Rooms"), [(f"room-{r.pk}", f"{r.name}{' ✓' if r.is_placed else ''}") for r in rooms]),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("remove") and None in [data.get(name) for name in ("x", "y", "width", "height")]:
            raise ValidationError(_("Give x, y, width and height to place this on the plan."))
        return data


def _plan_or_404(request, pk):
    if not request.user.has_perm("exhibitors.change_booth"):
        raise PermissionDenied
    return get_object_or_404(FloorPlan.objects.select_related("event"), pk=pk)


def plan_list(request):
    if not request.user.has_perm("exhibitors.change_booth"):
        raise PermissionDenied
    plans = FloorPlan.objects.select_related("event").order_by("-event__starts_at", "sort_order", "id")
    return render(
        request,
        "exhibitors/admin/floor_plans.html",
        {"plans": plans, "page_title": _("Venue map"), "header_icon": "site"},
    )


@require_http_methods(["GET", "POST"])
def plan_editor(request, pk):
    plan = _plan_or_404(request, pk)
    booths = list(Booth.objects.filter(event=plan.event, hall=plan.hall).order_by("number", "id"))
    venue_map.decorate(booths, venue_map.holders_of(Q(event=plan.event, booth__hall=plan.hall)))
    rooms = list(Room.objects.filter(event=plan.event).order_by("sort_order", "id"))
    form = PlacementForm(request.POST or None, booths=booths, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        item = form.items[form.cleaned_data["item"]]
        data = form.cleaned_data
        try:
            event_services.place_on_plan(
                item,
                None if data["remove"] else plan,
                (data["x"], data["y"], data["width"], data["height"]),
                user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("%(item)s saved on the plan.") % {"item": item})
            return redirect(reverse("exhibitors_admin:floor_plan", args=[plan.pk]))
    for booth in booths:
        booth.status_label = BoothStatus(booth.status).label
    on_plan = [b for b in booths if b.floor_plan_id == plan.pk and b.is_placed]
    for booth in on_plan:
        with_label(booth, booth.number)
        booth.fill = STATUS_FILLS[booth.status]
    placed_rooms = [with_label(r, r.name) for r in rooms if r.floor_plan_id == plan.pk and r.is_placed]
    counts = {status: sum(1 for b in booths if b.status == status) for status in BoothStatus}
    return render(
        request,
        "exhibitors/admin/floor_plan_editor.html",
        {
            "plan": plan,
            "form": form,
            "booths": booths,
            "on_plan": on_plan,
            "rooms": rooms,
            "placed_rooms": placed_rooms,
            "points": list(MapPoint.objects.filter(floor_plan=plan)),
            "marker": max(plan.width, plan.height) // 80 or 1,
            "counts": [
                (BoothStatus(status).label, counts[status], STATUS_FILLS[status]) for status in BoothStatus
            ],
            "page_title": plan.name,
            "header_icon": "site",
        },
    )


def point_qr(request, pk):
    """The QR code to print at a "you are here" point (SVG, any size)."""
    if not request.user.has_perm("exhibitors.change_booth"):
        raise PermissionDenied
    point = get_object_or_404(MapPoint.objects.select_related("floor_plan"), pk=pk)
    path = reverse("exhibitors:venue_map", kwargs={"event_id": point.floor_plan.event_id})
    response = HttpResponse(qr_svg(absolute_url(f"{path}?at={point.code}")), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="you-are-here-{point.code}.svg"'
    return response
