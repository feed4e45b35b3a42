"""Thin views: sending a comment on a consultation, and confirming it from the e-mail's link."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from consultations import links, services
from consultations.forms import CommentForm
from consultations.models import CommentStatus, ConsultationComment, ConsultationPage
from core.ratelimit import over_limit
from core.views import ratelimited


def _page_response(request, page, status, **context):
    full = page.get_context(request)
    full.update(context)
    return TemplateResponse(request, page.get_template(request), full, status=status)


# The form sits on a page served whole from the page cache, which must not set a CSRF cookie; nobody
# is logged in, and a forged POST only queues a comment that its address must still confirm.
@csrf_exempt
@require_POST
def comment(request, pk):
    page = get_object_or_404(ConsultationPage.objects.live().public().select_related("locale"), pk=pk)
    if over_limit(request, "consultations.comment", "CONSULTATION_COMMENT_RATE"):
        return ratelimited(request)
    form = CommentForm(request.POST, sections=page.section_choices())
    if not form.is_valid():
        return _page_response(request, page, 400, form=form)
    if not form.is_spam():
        try:
            services.submit_comment(page, form.cleaned_data, language=page.locale.language_code)
        except services.CommentRefused as refused:
            return _page_response(request, page, 409, form=form, refused=refused.message)
    # Post/redirect/get: a reload does not send the comment twice.
    return redirect(page.get_url(request) + "?sent=1#comment-form")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The e-mail's link shows a button; only pressing it confirms (mail scanners follow links)."""
    comment_id = links.read_confirm_token(token)
    comment = (
        ConsultationComment.objects.filter(pk=comment_id).select_related("consultation").first()
        if comment_id
        else None
    )
    if comment is None:
        raise Http404
    if request.method == "POST":
        comment = services.confirm_comment(comment.pk)
    page = comment.consultation.localized
    context = {
        "comment": comment,
        "consultation": page,
        "confirmed": comment.status != CommentStatus.PENDING_CONFIRMATION,
    }
    return TemplateResponse(request, "consultations/confirm.html", context)
