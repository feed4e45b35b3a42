"""Organisers' bank-transfer pages in the Wagtail admin: the matching queue, one transfer (match,
ignore, record a refund), statement import, and the day's reconciliation as CSV or XLSX."""

import csv
import datetime as dt
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Echo, log_export, spreadsheet_safe

from . import services
from .bank_formats import CSV_LAYOUTS, TransferFormatError
from .models import BankTransfer, TransferStatus

MAX_STATEMENT_BYTES = 5 * 1024 * 1024


def _require(request, action):
    if not request.user.has_perm(f"registration.{action}_banktransfer"):
        raise PermissionDenied


class MatchForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Paid for"), choices=[])
    reference = forms.CharField(label=gettext_lazy("Reference"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"order": gettext_lazy("Order"), "booth": gettext_lazy("Booth fee")}
        self.fields["kind"].choices = [
            (kind, labels.get(kind, kind)) for kind in services.bank_payable_kinds()
        ]


class RefundForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount (VND)"), min_value=1)
    refunded_on = forms.DateField(
        label=gettext_lazy("Refunded on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    transaction_id = forms.CharField(label=gettext_lazy("Bank transaction id"), max_length=100)


def _act(request, transfer):
    """The POST actions shared by the queue and a transfer's page; True when something changed."""
    action = request.POST.get("action")
    try:
        if action == "match":
            form = MatchForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Enter the reference of an order or application."))
                return False
            services.match_manually(
                transfer,
                kind=form.cleaned_data["kind"],
                reference=form.cleaned_data["reference"],
                user=request.user,
            )
            messages.success(request, _("The transfer is matched."))
        elif action == "ignore":
            services.ignore_transfer(transfer, user=request.user)
            messages.success(request, _("The transfer is out of the queue."))
        elif action == "refund":
            form = RefundForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
                return False
            services.record_bank_refund(transfer, user=request.user, **form.cleaned_data)
            messages.success(request, _("The refund is recorded."))
        else:
            messages.error(request, _("Unknown action."))
            return False
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return False
    return True


def queue(request):
    """Unmatched transfers, newest first, each with what it most likely pays for."""
    _require(request, "view")
    if request.method == "POST":
        _require(request, "change")
        transfer = get_object_or_404(BankTransfer, pk=request.POST.get("transfer"))
        _act(request, transfer)
        return redirect("registration_admin:bank_queue")
    transfers = list(
        BankTransfer.objects.filter(status=TransferStatus.UNMATCHED).order_by("-transferred_at")[:50]
    )
    waiting = services.waiting_payables() if transfers else []
    for transfer in transfers:
        transfer.suggested = services.suggestions(transfer, candidates=waiting)
    to_refund = (
        BankTransfer.objects.filter(refund_due__gt=0).select_related("order").order_by("-transferred_at")
    )
    return render(
        request,
        "registration/admin/bank_queue.html",
        {"transfers": transfers, "to_refund": to_refund[:50], "match_form": MatchForm()},
    )


def transfer_detail(request, pk):
    _require(request, "view")
    transfer = get_object_or_404(BankTransfer.objects.select_related("order", "matched_by"), pk=pk)
    if request.method == "POST":
        _require(request, "change")
        _act(request, transfer)
        return redirect("registration_admin:bank_transfer", pk=transfer.pk)
    return render(
        request,
        "registration/admin/bank_transfer.html",
        {
            "transfer": transfer,
            "refunds": transfer.refunds.select_related("recorded_by"),
            "match_form": MatchForm(),
            "refund_form": RefundForm(
                initial={"amount": transfer.refund_due or None, "refunded_on": timezone.localdate()}
            ),
            "suggested": services.suggestions(transfer)
            if transfer.status == TransferStatus.UNMATCHED
            else [],
        },
    )


class StatementForm(forms.Form):
    LAYOUTS = [
        ("vietcombank", "Vietcombank (CSV)"),
        ("techcombank", "Techcombank (CSV)"),
        ("camt053", gettext_lazy("ISO 20022 CAMT.053 (XML)")),
        ("generic", gettext_lazy("Other CSV: name the columns below")),
    ]
    statement = forms.FileField(label=gettext_lazy("Statement file"))
    layout = forms.ChoiceField(label=gettext_lazy("Layout"), choices=LAYOUTS)
    transaction_id = forms.CharField(label=gettext_lazy("Column: transaction id"), required=False)
    transferred_at = forms.CharField(label=gettext_lazy("Column: date"), required=False)
    credit = forms.CharField(label=gettext_lazy("Column: amount received"), required=False)
    content = forms.CharField(label=gettext_lazy("Column: transfer note"), required=False)

    COLUMNS = ("transaction_id", "transferred_at", "credit", "content")

    def clean(self):
        data = super().clean()
        if data.get("layout") == "generic" and not all(data.get(name) for name in self.COLUMNS):
            raise forms.ValidationError(_("For another CSV, name the four columns."))
        upload = data.get("statement")
        if upload and upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return data


def import_statement(request):
    _require(request, "add")
    result = None
    form = StatementForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            mapping = (
                {name: data[name] for name in StatementForm.COLUMNS} if data["layout"] == "generic" else None
            )
            try:
                result = services.import_statement(
                    data["statement"].read(), layout=data["layout"], mapping=mapping, user=request.user
                )
            except TransferFormatError as error:
                form.add_error("statement", str(error))
                status = 400
        else:
            status = 400
    return render(
        request,
        "registration/admin/bank_import.html",
        {"form": form, "result": result, "layouts": CSV_LAYOUTS},
        status=status,
    )


COLUMNS = [
    ("time", gettext_lazy("Time")),
    ("type", gettext_lazy("Money in or refunded")),
    ("transaction_id", gettext_lazy("Bank transaction id")),
    ("amount", gettext_lazy("Amount (VND)")),
    ("note", gettext_lazy("Transfer note")),
    ("status", gettext_lazy("Status")),
    ("paid_for", gettext_lazy("Paid for")),
    ("reference", gettext_lazy("Reference")),
    ("refund_due", gettext_lazy("To refund (VND)")),
    ("matched", gettext_lazy("Matched")),
    ("matched_by", gettext_lazy("Matched by")),
    ("matched_at", gettext_lazy("Matched at")),
]
# Cells people wrote (a transfer's note): never read as a formula by a spreadsheet.
WRITTEN_BY_PEOPLE = {"note", "transaction_id", "reference"}


def reconciliation(request):
    """One day's transfers and refunds for the accountant, on screen or as CSV/XLSX."""
    _require(request, "view")
    try:
        day = (
            dt.date.fromisoformat(request.GET.get("day", ""))
            if request.GET.get("day")
            else timezone.localdate()
        )
    except ValueError:
        messages.error(request, _("Choose a valid date."))
        return redirect("registration_admin:bank_reconciliation")
    rows = services.reconciliation_rows(day)
    file_format = request.GET.get("export")
    if file_format in ("csv", "xlsx"):
        log_export(request.user, "registration.bank_reconciliation", file_format, f"day={day}", len(rows))
        filename = f"bank-reconciliation-{day.isoformat()}.{file_format}"
        table = [[str(label) for _key, label in COLUMNS]] + [
            [spreadsheet_safe(row[key]) if key in WRITTEN_BY_PEOPLE else row[key] for key, _label in COLUMNS]
            for row in rows
        ]
        if file_format == "csv":
            writer = csv.writer(Echo())
            response = StreamingHttpResponse(
                (writer.writerow(line) for line in table), content_type="text/csv"
            )
        else:
            from openpyxl import Workbook  # slow to import; only this export needs it

            book = Workbook()
            sheet = book.active
            sheet.title = day.isoformat()
            for line in table:
                sheet.append(line)
            buffer = io.BytesIO()
            book.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    received = sum(row["amount"] for row in rows if row["type"] == "in")
    refunded = -sum(row["amount"] for row in rows if row["type"] == "refund")
    return render(
        request,
        "registration/admin/bank_reconciliation.html",
        {"rows": rows, "day": day, "received": received, "refunded": refunded, "columns": COLUMNS},
    )
