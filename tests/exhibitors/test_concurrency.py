"""Booth stock and booth assignment under truly parallel organisers (PostgreSQL only)."""

import pytest

from exhibitors import services
from exhibitors.models import ApplicationStatus, ExhibitorApplication
from tests.factories.exhibitors import ApplicationFactory, BoothFactory, BoothPackageFactory, UserFactory


def outcomes(results):
    """Each parallel call's outcome, sorted: "ok" or the code of the refusal; anything else fails the test."""
    codes = []
    for result in results:
        if isinstance(result, services.ExhibitorError):
            codes.append(result.code)
        elif isinstance(result, Exception):
            raise result
        else:
            codes.append("ok")
    return sorted(codes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_last_booth_of_a_package_is_approved_once(home_pages_any_db, run_parallel):
    package = BoothPackageFactory(count_available=1)
    organiser = UserFactory(is_superuser=True)
    applications = [ApplicationFactory(package=package) for _ in range(4)]
    results = run_parallel(
        len(applications), lambda i: services.approve_application(applications[i], user=organiser)
    )
    assert outcomes(results) == ["ok", "sold_out", "sold_out", "sold_out"]
    assert ExhibitorApplication.objects.filter(status=ApplicationStatus.APPROVED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_booth_assigned_to_one_exhibitor_under_race(home_pages_any_db, run_parallel):
    package = BoothPackageFactory(count_available=5)
    organiser = UserFactory(is_superuser=True)
    booth = BoothFactory(event=package.event)
    applications = [ApplicationFactory(package=package) for _ in range(3)]
    for application in applications:
        services.approve_application(application, user=organiser)
    results = run_parallel(
        len(applications), lambda i: services.assign_booth(applications[i], booth, user=organiser)
    )
    assert outcomes(results) == ["booth_taken", "booth_taken", "ok"]
    assert ExhibitorApplication.objects.filter(booth=booth).count() == 1
