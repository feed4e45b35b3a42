"""Factories for check-in: lists, devices (with a known token) and scans."""

import factory
from django.utils import timezone

from checkin.models import CheckIn, CheckInList, Device
from tests.factories.events import EventPageFactory


class CheckInListFactory(factory.django.DjangoModelFactory):
    """A main-entrance list admitting every ticket type, any time, once."""

    class Meta:
        model = CheckInList
        skip_postgeneration_save = True

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Cổng chính {n}")

    @factory.post_generation
    def ticket_types(self, create, extracted, **kwargs):
        if extracted:
            self.ticket_types.set(extracted)


class DeviceFactory(factory.django.DjangoModelFactory):
    """A device; its clear token is on `device.token` (only factories keep it)."""

    class Meta:
        model = Device

    name = factory.Sequence(lambda n: f"Cổng B làn {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        device = model_class(*args, **kwargs)
        token = device.set_new_token()
        device.save()
        device.token = token
        return device


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    checkin_list = factory.SubFactory(CheckInListFactory)
    ticket = None
    type = "entry"
    successful = True
    gate = "Cổng A"
    created_at = factory.LazyFunction(timezone.now)


def checkin_staff_group():
    """The "Check-in staff" group (made by a data migration; transactional tests flush it, so remake it)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Check-in staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="checkin", codename="use_scanner"))
    return group
