"""Bar charts drawn on the server as SVG: one bar a row, each labelled with its value (no colour needed)."""

WIDTH = 640
LABEL_HEIGHT = 18  # the row's label, above its bar
BAR_HEIGHT = 16
GAP = 10
VALUE_ROOM = 70  # right of the longest bar, for its value


def bar_chart(table):
    """Geometry for `reports/admin/chart.svg.html`: each row's label, bar width and value position."""
    largest = table.largest or 1
    bars = []
    y = 0
    for row in table.rows:
        width = round((WIDTH - VALUE_ROOM) * (row.count or 0) / largest)
        bars.append(
            {
                "label": row.label,
                "count": row.count,
                "label_y": y + LABEL_HEIGHT - 4,
                "bar_y": y + LABEL_HEIGHT,
                "width": width,
                "value_x": width + 6,
                "value_y": y + LABEL_HEIGHT + BAR_HEIGHT - 3,
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return {"width": WIDTH, "height": max(y, 1), "bar_height": BAR_HEIGHT, "bars": bars}
