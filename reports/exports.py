"""One report table as a CSV or XLSX download."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from core.exports import Echo, spreadsheet_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(table, file_format, filename):
    """`table` as `filename`.csv or .xlsx: key, item, count; labels (session titles) never formulas."""
    lines = [["key", _("Item"), _("Count")]] + [
        [row.key, spreadsheet_safe(row.label), row.count] for row in table.rows
    ]
    if file_format == "csv":
        writer = csv.writer(Echo())
        response = StreamingHttpResponse((writer.writerow(line) for line in lines), content_type="text/csv")
    else:
        from openpyxl import Workbook  # slow to import; only this download needs it

        book = Workbook()
        sheet = book.active
        sheet.title = table.name[:31]  # Excel's longest sheet name
        for line in lines:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
