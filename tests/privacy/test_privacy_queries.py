"""Fixed numbers of queries: the readable download with 1 or 3 exhibitors' leads, the admin's request
list with 1 or 3 open requests."""

import pytest

from exhibitors import services as exhibitor_services
from registration import services, tokens

from .conftest import confirmed_exhibitor

pytestmark = pytest.mark.django_db


def test_the_readable_download_reads_a_fixed_number_of_queries(visitor, event, client, count_queries):
    url = f"/vi/registration/{tokens.manage_token(visitor.order)}/data/"
    with_two = count_queries(client, url)
    for number in ("C01", "C02"):
        member = confirmed_exhibitor(event, f"Công ty {number}", number)
        exhibitor_services.record_lead(member.exhibitor, secret=visitor.ticket.secret, user=member.user)
    # Each visit records an answered request: one more row to list, no more queries.
    assert count_queries(client, url) == with_two


def test_the_admin_request_list_reads_a_fixed_number_of_queries(visitor, admin_client, count_queries):
    services.record_request(visitor.order, "erasure", channel="phone")
    one = count_queries(admin_client, "/admin/registration/personal-data/")
    services.record_request(visitor.order, "download", channel="letter")
    services.record_request(visitor.order, "download", channel="email")
    assert count_queries(admin_client, "/admin/registration/personal-data/") == one
