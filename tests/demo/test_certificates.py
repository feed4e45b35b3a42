"""The demo's digital-skills class already held: its attendees were admitted and have certificates."""

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from certificates.services import admitted_tickets, certifying_classes

pytestmark = pytest.mark.django_db


def test_the_class_already_held_has_a_certificate_per_admitted_attendee():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    held = list(certifying_classes())
    assert len(held) == 1
    admitted = admitted_tickets(held[0])
    assert admitted.count() == 12
    certificates = Certificate.objects.filter(event=held[0])
    assert sorted(c.name for c in certificates) == sorted(t.attendee_name for t in admitted)
    assert all(c.hours == held[0].certificate_hours and c.revoked_at is None for c in certificates)

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Certificate.objects.count() == 12
