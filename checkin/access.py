"""Which check-in lists a device may use: the rule, written once, for the scan path and the ORM paths.

A device may use the active lists of its event, or of every event when it is bound to none. The scan
path reads the list in the same statement as the device (checkin/sql.py) and asks `device_may_use`;
the lists, search, status and undo endpoints ask the database through `lists_for_device`. Both read
`list_conditions`, so they cannot disagree.
"""

from checkin.models import CheckInList


def list_conditions(device):
    """The rule: the CheckInList field values a list needs for this device to use it."""
    conditions = {"is_active": True}
    if device.event_id is not None:
        conditions["event_id"] = device.event_id
    return conditions


def device_may_use(device, checkin_list) -> bool:
    """Whether the device may scan at this list (None, no list: no)."""
    return checkin_list is not None and all(
        getattr(checkin_list, field) == value for field, value in list_conditions(device).items()
    )


def lists_for_device(device):
    """The lists the device may use, as a queryset."""
    return CheckInList.objects.filter(**list_conditions(device))
