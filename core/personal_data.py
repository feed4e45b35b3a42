"""Where personal data lives: every app registers the models that hold some, so that an erasure, the
attendee's download and retention reach every copy.

Core knows no app's models: each app registers its own in its `AppConfig.ready()` (exhibitors register
their leads; registration, below them, never imports exhibitors). A model with personal fields that is
neither registered nor declared `exempt` fails `tests/project/test_privacy_registry.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from dateutil.relativedelta import relativedelta
from django.db.models import Q, Value
from django.db.models.functions import Concat

ERASED_BY_REQUEST = "request"
ERASED_BY_RETENTION = "retention"
CHUNK = 5000


@dataclass(frozen=True)
class Person:
    """Whom an erasure or a download is about: one registration (order), its tickets, its e-mail addresses.

    Rows written elsewhere with the same e-mail (support requests, questions, comments) belong to them too.
    """

    order_id: int | None
    ticket_ids: frozenset = frozenset()
    emails: frozenset = frozenset()
    language: str = "vi"


@dataclass(frozen=True)
class Holder:
    """One model that holds personal data, and how to find, empty, export and expire its rows."""

    label: str  # "app_label.ModelName"
    section: str  # its key in the download and in erasure counts
    title: str  # what the rows are, for people (translated lazily)
    fields: tuple  # the personal fields, emptied by erasure and retention
    rows: Callable | None  # rows(person) -> QuerySet of this person's rows; None: nothing ties them to one
    export: Callable  # export(person) -> list of dicts for the download
    expired: Callable  # expired(now) -> QuerySet of rows past retention that still hold data
    erase: Callable | None = None  # erase(queryset, now, why) -> rows changed; None: empty `fields`
    kept: str = ""  # what erasure keeps and why, said in the attendee's confirmation e-mail
    # Copies given to others (exhibitors' leads): withdrawing consent to share offers to erase these.
    shared_with_third_parties: bool = False

    def apply(self, queryset, now: datetime, why: str) -> int:
        """Empty the personal fields of `queryset`'s rows; returns how many rows changed."""
        pks = list(queryset.values_list("pk", flat=True))
        changed = 0
        # In chunks: retention may expire a whole edition's tickets, more than a statement takes parameters.
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            rows = queryset.model.objects.filter(pk__in=chunk)
            if self.erase is not None:
                changed += self.erase(rows, now, why)
            else:
                changed += rows.update(**dict.fromkeys(self.fields, ""))
            if self.fields:
                scrub_audit_labels(queryset.model, chunk)
        return changed


_holders: dict[str, Holder] = {}
_exempt: dict[str, str] = {}


def register(label, **kwargs) -> Holder:
    """Declare that `label`'s rows hold personal data (see `Holder`); registering twice replaces."""
    holder = Holder(label=label, **kwargs)
    _holders[label] = holder
    return holder


def exempt(label, reason) -> None:
    """Declare that `label`'s personal-looking fields are not an attendee's data, and why."""
    _exempt[label] = str(reason)


def holders() -> list[Holder]:
    """Every registered holder, in registration order (apps load bottom layer first)."""
    return list(_holders.values())


def holders_of_a_person() -> list[Holder]:
    """The holders whose rows can be traced to a person: what erasure and the download go through."""
    return [h for h in _holders.values() if h.rows is not None]


def exemptions() -> dict[str, str]:
    return dict(_exempt)


def scrub_audit_labels(model, pks) -> None:
    """Audit entries name their object as it was then (a lead's label is the visitor's name): keep the
    entries, as evidence of what happened, but label them by kind and number only."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(model)
    for start in range(0, len(pks), 1000):
        chunk = pks[start : start + 1000]
        ModelLogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in chunk]
        ).update(label=Concat(Value(f"{model._meta.verbose_name} #"), "object_id"))


def months_before(now: datetime, months: int) -> datetime:
    """`now` minus whole calendar months (12 months before 31 March is 31 March a year earlier)."""
    return now - relativedelta(months=months)


def any_filled(fields) -> Q:
    """Rows where at least one of `fields` still holds something (so retention never empties twice)."""
    return reduce(or_, (~Q(**{name: ""}) for name in fields))
