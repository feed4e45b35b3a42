"""Support requests in the admin, beyond Wagtail's list: answering one (assign, reply, close), writing
down a hotline call, and the response-time report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from content import queries, services
from content.forms import HOTLINE_CONSENT_TEXT, AssignForm, HotlineRequestForm, ReplyForm
from content.models import SupportRequest
from content.services import SUPPORT_STEPS

Status = SupportRequest.Status


def _require(user, action):
    if not user.has_perm(f"content.{action}_supportrequest"):
        raise PermissionDenied


def respond(request, pk):
    """One request with its replies and the next steps it allows; each form posts its `action`."""
    _require(request.user, "change")
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("assigned_to").prefetch_related("replies__sent_by"), pk=pk
    )
    assign_form = AssignForm(initial={"assignee": support_request.assigned_to_id or request.user.pk})
    reply_form = ReplyForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "assign":
                assign_form = AssignForm(request.POST)
                if assign_form.is_valid():
                    services.assign_support_request(
                        pk, assign_form.cleaned_data["assignee"], user=request.user
                    )
                    messages.success(request, _("Request assigned."))
                    return redirect("support_requests:respond", pk)
            elif action == "reply":
                reply_form = ReplyForm(request.POST)
                if reply_form.is_valid():
                    services.reply_to_support_request(pk, reply_form.cleaned_data["body"], user=request.user)
                    sent_to = support_request.email
                    messages.success(
                        request,
                        _("Reply sent to %(email)s.") % {"email": sent_to}
                        if sent_to
                        else _("Reply saved. This person gave no e-mail address: call them back."),
                    )
                    return redirect("support_requests:respond", pk)
            elif action == "close":
                services.close_support_request(pk, user=request.user)
                messages.success(request, _("Request closed."))
                return redirect("support_requests:respond", pk)
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        status = 400
    next_steps = SUPPORT_STEPS[support_request.status]
    context = {
        "support_request": support_request,
        "assign_form": assign_form,
        "reply_form": reply_form,
        "can_assign": support_request.status != Status.CLOSED,
        "can_reply": support_request.status in (Status.IN_PROGRESS, Status.ANSWERED),
        "can_close": Status.CLOSED in next_steps,
    }
    return TemplateResponse(request, "content/admin/support_respond.html", context, status=status)


def hotline(request):
    """An organiser writes down a hotline call: it becomes a request with a reference like any other."""
    _require(request.user, "add")
    form = HotlineRequestForm(request.POST or None, initial={"language": "vi"})
    if request.method == "POST" and form.is_valid():
        support_request = services.submit_support_request(
            form.cleaned_data,
            language=form.cleaned_data["language"],
            source=SupportRequest.Source.HOTLINE,
            user=request.user,
            consent_text=HOTLINE_CONSENT_TEXT,
        )
        messages.success(
            request,
            _("Call recorded as %(reference)s: tell the caller this reference.")
            % {"reference": support_request.reference},
        )
        return redirect("support_requests:respond", support_request.pk)
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "content/admin/support_hotline.html", {"form": form}, status=status)


def report(request):
    """How many requests are in each state, and how fast they were answered and closed."""
    _require(request.user, "change")
    return TemplateResponse(request, "content/admin/support_report.html", queries.support_report())
