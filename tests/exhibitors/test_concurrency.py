"""Booth stock and booth assignment under truly parallel organisers (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from exhibitors import services
from exhibitors.models import ApplicationStatus, ExhibitorApplication
from tests.factories.exhibitors import ApplicationFactory, BoothFactory, BoothPackageFactory, UserFactory


def _race(functions):
    barrier = threading.Barrier(len(functions))
    outcomes = []

    def run(function):
        try:
            barrier.wait()
            function()
            outcomes.append("ok")
        except services.ExhibitorError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_last_booth_of_a_package_is_approved_once(home_pages_any_db):
    package = BoothPackageFactory(count_available=1)
    organiser = UserFactory(is_superuser=True)
    applications = [ApplicationFactory(package=package) for _ in range(4)]
    outcomes = _race([lambda a=a: services.approve_application(a, user=organiser) for a in applications])
    assert outcomes == ["ok", "sold_out", "sold_out", "sold_out"]
    assert ExhibitorApplication.objects.filter(status=ApplicationStatus.APPROVED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_booth_assigned_to_one_exhibitor_under_race(home_pages_any_db):
    package = BoothPackageFactory(count_available=5)
    organiser = UserFactory(is_superuser=True)
    booth = BoothFactory(event=package.event)
    applications = [ApplicationFactory(package=package) for _ in range(3)]
    for application in applications:
        services.approve_application(application, user=organiser)
    outcomes = _race([lambda a=a: services.assign_booth(a, booth, user=organiser) for a in applications])
    assert outcomes == ["booth_taken", "booth_taken", "ok"]
    assert ExhibitorApplication.objects.filter(booth=booth).count() == 1
