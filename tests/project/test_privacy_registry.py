"""Every model that holds personal data is registered in `core.personal_data` (or exempt, with why), so
an erasure, the attendee's download and retention reach it.

A new model with an e-mail, phone, name-of-a-person field, or a link to a registered model (a question
on a session by an attendee, a bank transfer of an order, a comment with an e-mail) fails here until its
app registers it: see core/personal_data.py and registration/personal_data.py for the pattern.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from core import personal_data

# Field names (without _vi/_en) that hold something about a person.
PERSONAL_NAMES = {
    "attendee_name",
    "author_name",
    "contact_name",
    "full_name",
    "job_title",
    "organisation",
    "payer_name",
    "sender_name",
    "ip_address",
}
# "browser": the hashed cookie that recognises a visitor who does not log in (questions, ratings).
PERSONAL_PARTS = ("email", "phone", "attendee", "payer", "author", "browser")


def project_models():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and "node_modules" not in path.parts:
            yield from config.get_models()


def personal_fields(model):
    found = []
    for field in model._meta.get_fields():
        if not field.concrete or field.auto_created:
            continue
        name = field.name.removesuffix("_vi").removesuffix("_en")
        if (
            isinstance(field, models.EmailField)
            or name in PERSONAL_NAMES
            or any(part in name for part in PERSONAL_PARTS)
        ):
            found.append(field.name)
    return found


def links_to_a_person(model, registered):
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and f.is_relation and f.related_model and f.related_model._meta.label in registered
    ]


def test_every_model_with_personal_data_is_registered_or_exempt():
    registered = {h.label for h in personal_data.holders()}
    exempt = personal_data.exemptions()
    missing = []
    for model in project_models():
        label = model._meta.label
        if label in registered or label in exempt:
            continue
        if personal_fields(model) or links_to_a_person(model, registered):
            missing.append((label, personal_fields(model) or links_to_a_person(model, registered)))
    assert missing == [], (
        "These models hold personal data but neither erasure, retention nor the download knows them: "
        "register them with core.personal_data.register() in their app's ready() "
        f"(or core.personal_data.exempt(label, why)): {missing}"
    )


def test_registered_holders_name_every_personal_field_and_cover_all_three():
    for holder in personal_data.holders():
        model = apps.get_model(holder.label)
        undeclared = set(personal_fields(model)) - set(holder.fields)
        assert not undeclared, f"{holder.label}: {sorted(undeclared)} not emptied by erasure"
        for name in holder.fields:
            assert model._meta.get_field(name), name
        assert holder.rows is None or callable(holder.rows), holder.label
        assert callable(holder.export) and callable(holder.expired), holder.label
        assert str(holder.title), holder.label
    sections = [h.section for h in personal_data.holders()]
    assert len(sections) == len(set(sections))


def test_exemptions_say_why_and_name_real_models():
    for label, reason in personal_data.exemptions().items():
        apps.get_model(label)
        assert len(reason) > 20, label


def test_the_check_sees_what_it_should():
    from content.models import SupportRequest
    from exhibitors.models import Lead, Product
    from registration.models import Order, Ticket

    registered = {h.label for h in personal_data.holders()}
    assert set(personal_fields(Ticket)) >= {"attendee_name", "email", "phone", "organisation", "job_title"}
    assert "email" in personal_fields(Order) and "email" in personal_fields(SupportRequest)
    assert links_to_a_person(Lead, registered) == ["ticket"]
    assert personal_fields(Product) == [] and links_to_a_person(Product, registered) == []
    # Without its registration, a model like the leads fails the first test.
    assert "exhibitors.Lead" in registered and "exhibitors.Lead" not in personal_data.exemptions()
