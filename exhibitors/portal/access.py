"""Who may use the portal: the invitation link, the start page and the membership check of every view."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exhibitors.models import Exhibitor


def portal_view(view):
    """Login required; `exhibitor_id` must be one of the user's companies (404 otherwise)."""

    @wraps(view)
    def wrapper(request, exhibitor_id, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("exhibitors:portal_login"))
        exhibitor = Exhibitor.objects.filter(pk=exhibitor_id, memberships__user=request.user).first()
        if exhibitor is None:
            raise Http404
        return view(request, exhibitor, *args, **kwargs)

    return wrapper


def portal_home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("exhibitors:portal_login"))
    exhibitors = list(Exhibitor.objects.filter(memberships__user=request.user).order_by("name"))
    if len(exhibitors) == 1:
        return redirect("exhibitors:portal_dashboard", exhibitor_id=exhibitors[0].pk)
    return render(request, "exhibitors/portal/home.html", {"exhibitors": exhibitors})


@require_http_methods(["GET", "POST"])
def invitation(request, uidb64, token):
    """Set a password from the invitation link (a signed, single-use token), then open the portal."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, ValidationError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "exhibitors/portal/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome to the exhibitor portal."))
        return redirect("exhibitors:portal_home")
    return render(request, "exhibitors/portal/invitation.html", {"form": form, "invited_user": user})
