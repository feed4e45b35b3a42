"""The public API fuzzed with schemathesis against its own OpenAPI schema (`/api/schema/`), in-process.

Every operation gets generated valid requests (and then invalid ones) on the demo data, with a device
token for the check-in operations: zero 5xx answers, and every answer (status code, content type, body)
as the schema documents it. Bounded: FUZZ_EXAMPLES per operation and mode (default 30).
"""

import os
import time

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
TIME_BUDGET_S = float(os.environ.get("FUZZ_SECONDS", "100"))
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Invalid input: any documented-or-not 4xx is a fair refusal; it must still be JSON and never a 5xx.
NEGATIVE_CHECKS = [not_a_server_error, content_type_conformance]
# Not findings: schemathesis cannot build invalid values for some parameters (a free-form slug).
NOT_APPLICABLE = ("Unable to satisfy assumptions",)


def known_path_values():
    """Real identifiers from the demo data, so the fuzzer also reaches existing objects."""
    from checkin.models import CheckInList
    from events.models import EventPage
    from exhibitors.models import Exhibitor, Product

    values = {}
    for model, param, field in (
        (EventPage, "id", "pk"),
        (Exhibitor, "slug", "slug"),
        (Product, "slug", "slug"),
        (CheckInList, "id", "pk"),
    ):
        value = model.objects.order_by("pk").values_list(field, flat=True).first()
        assert value is not None, f"the demo data has no {model.__name__}"
        values[model.__name__] = {param: value}
    return values


def fuzz(operation, mode, checks, headers, path_parameters=None):
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, checks=checks)

    run()


@pytest.fixture
def keep_test_connection():
    """Calling the raw WSGI app fires request_started/finished, whose close_old_connections would close
    the test's connection (it is inside the test transaction); Django's test client unhooks it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_answers_as_its_schema_says_and_never_5xx(keep_test_connection, settings):
    from config.wsgi import application
    from tests.factories.checkin import DeviceFactory

    # Logic, not the per-device brake, is under test here (429 is documented where it applies).
    settings.RATELIMIT_ENABLE = False
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    headers = {"Authorization": f"Token {DeviceFactory(name='fuzz scanner').token}"}

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the API schema lists no operation"
    known = known_path_values()
    started = time.monotonic()
    covered, failures = [], []
    for operation in operations:
        if time.monotonic() - started > TIME_BUDGET_S:
            break
        runs = [
            (schemathesis.GenerationMode.POSITIVE, POSITIVE_CHECKS, None),
            (schemathesis.GenerationMode.NEGATIVE, NEGATIVE_CHECKS, None),
        ]
        params = {p.name for p in operation.path_parameters}
        runs += [
            (schemathesis.GenerationMode.POSITIVE, POSITIVE_CHECKS, values)
            for values in known.values()
            if params and params <= set(values)
        ]
        for mode, checks, values in runs:
            try:
                fuzz(operation, mode, checks, headers, values)
            except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - report every operation's failures
                failures.append(f"{operation.label} ({mode.value}, {values}): {failure}"[:1500])
        covered.append(operation.label)
    unexpected = [f for f in failures if not any(n in f for n in NOT_APPLICABLE)]
    assert not unexpected, "\n\n".join(unexpected)
    # The budget is generous: on a normal run every operation is fuzzed.
    assert len(covered) == len(operations), f"time budget ran out after {covered}"
