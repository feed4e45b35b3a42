"""The public side of messaging: the unsubscribe page linked from every announcement."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services
from .emails import email_of_unsubscribe_token


@never_cache
def unsubscribe(request, token):
    """GET asks, POST unsubscribes: a mail scanner that opens every link must not unsubscribe anyone."""
    email = email_of_unsubscribe_token(token)
    if email is None:
        context = {"title": _("This link does not work"), "invalid": True}
        return render(request, "messaging/unsubscribe.html", context, status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(email)
        done = True
    context = {"title": _("Unsubscribe from announcements"), "email": email, "done": done}
    return render(request, "messaging/unsubscribe.html", context)
