"""Certificates in the Wagtail admin (list, revoke with a reason, audited) and on the ticket page."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from certificates import services
from certificates.models import Certificate


class RevokeForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this certificate"),
        required=False,
        help_text=_("Its verify page says “revoked” from now on. This cannot be undone."),
    )
    reason = forms.CharField(label=_("reason for revoking"), max_length=300, required=False)

    class Meta:
        model = Certificate
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("revoke") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the certificate is revoked."))
        return cleaned


class RevokeView(generic.EditView):
    def save_instance(self):
        instance = self.form.instance
        if self.form.cleaned_data.get("revoke"):
            instance = services.revoke(
                instance, self.form.cleaned_data["reason"].strip(), user=self.request.user
            )
        return instance


class StateColumn(Column):
    def get_value(self, instance):
        return _("Revoked") if instance.revoked_at else _("Valid")


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    add_to_admin_menu = True
    menu_order = 260
    form_class = RevokeForm
    edit_view_class = RevokeView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("code", label=_("code")),
        "name",
        "event",
        Column("hours", label=_("hours")),
        StateColumn("state", label=_("state")),
        DateColumn("issued_at", label=_("issued at")),
    ]
    list_filter = ["event"]
    search_fields = ["code", "name"]
    search_backend_name = None
    edit_panels = [FieldPanel("revoke"), FieldPanel("reason")]

    def get_form_class(self, for_update=False):
        return RevokeForm

    def get_edit_view_kwargs(self, **kwargs):
        handler = ObjectList(self.edit_panels, base_form_class=RevokeForm).bind_to_model(self.model)
        return super().get_edit_view_kwargs(panel=handler, form_class=handler.get_form_class(), **kwargs)


@hooks.register("register_admin_viewset")
def register_certificates_admin():
    return CertificateViewSet("certificates_admin")


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoked", _("Certificate revoked"), _("Certificate revoked"))


@hooks.register("ticket_page_links")
def certificate_links(ticket, token):
    """The ticket's certificates (issued now if earned and not yet made), as download links."""
    return [
        (
            _("Download certificate"),
            reverse("certificates:download", args=[token, ticket.pk, certificate.code]),
        )
        for certificate in services.issue_for_ticket(ticket)
        if not certificate.is_revoked
    ]
