"""Database ids printed in templates are never localised.

With USE_THOUSAND_SEPARATOR and Vietnamese formats, `{{ session.pk }}` renders id 1222 as "1.222": a
form then posts the wrong id and scripts match nothing (found by the phone agenda browser test once
PostgreSQL's ids passed 999). Every id in a template goes through `|unlocalize`.
"""

import re
from pathlib import Path

from django.conf import settings

APPS = ("content", "events", "registration", "checkin", "exhibitors", "site")
# `{{ x.pk }}`, `{{ x.id }}`, `{{ x.y_id }}`, `{{ pk }}`, `{{ page_obj.next_page_number }}` with or
# without filters other than unlocalize.
ID_VARIABLE = re.compile(r"\{\{\s*([\w.]*(?:\.pk|\.id|_id|\bpk|\bid|_page_number))\s*(\|[^}]*)?\}\}")


def test_every_id_in_a_template_is_unlocalized():
    offenders = []
    for app in APPS:
        for template in sorted((Path(settings.BASE_DIR) / app).rglob("templates/**/*.html")):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
                for match in ID_VARIABLE.finditer(line):
                    if "unlocalize" not in (match.group(2) or "") and not match.group(1).endswith("auto_id"):
                        offenders.append(
                            f"{template.relative_to(settings.BASE_DIR)}:{number}: {match.group(0)}"
                        )
    assert offenders == []


def test_the_check_finds_a_localised_id():
    assert ID_VARIABLE.search('<input name="ticket" value="{{ ticket.pk }}">')
    assert ID_VARIABLE.search('<a href="?event={{ showcase.event_id }}">')
    assert ID_VARIABLE.search('<a href="?page={{ page_obj.next_page_number }}">')
    assert "unlocalize" in ID_VARIABLE.search("{{ ticket.pk|unlocalize }}").group(2)
