"""Names as people type them: NFC, and never text-direction control characters.

An attendee named "Lan\u202eHoang" would show reversed on the ticket, the scanner, the admin and
every list (and reverse what follows it); such names are refused at every form that takes a name,
with a clear message. Product names are stored in NFC like attendee names, so NFD input is found.
"""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.text import BIDI_CONTROLS, NameField
from exhibitors.forms import ApplicationForm, InviteForm, ProductForm, ProfileForm
from registration.forms import AttendeeForm
from tests.factories.exhibitors import ExhibitorFactory

VI_MESSAGE = "Hãy xóa các ký tự điều khiển hướng chữ vô hình (như U+202E) khỏi tên này."
EN_MESSAGE = "Remove the invisible text-direction characters (such as U+202E) from this name."
NFC_NAME = "Nguyễn Thị Ánh Tuyết"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_every_bidi_control_is_refused_in_the_visitors_language(char):
    for language, message in [("vi", VI_MESSAGE), ("en", EN_MESSAGE)]:
        with translation.override(language):
            with pytest.raises(ValidationError) as refused:
                NameField().clean(f"Lan{char}Hoang")
            assert refused.value.messages == [message]


def test_the_listed_controls_are_exactly_the_embedding_override_isolate_and_mark_characters():
    expected = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F]}
    assert BIDI_CONTROLS == expected


def test_a_name_is_nfc_and_trimmed_and_other_invisible_characters_pass():
    assert NameField().clean(f"  {NFD_NAME} ") == NFC_NAME
    # A zero-width joiner belongs to emoji sequences; it does not reorder text.
    assert NameField().clean("Lan 👩\u200d💻") == "Lan 👩\u200d💻"


def attendee_form(**data):
    return AttendeeForm(data={"category": "business", **data}, ticket_type=None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form, field",
    [
        (lambda bad: attendee_form(name=bad), "name"),
        (lambda bad: attendee_form(name="Lan", organisation=bad), "organisation"),
        (lambda bad: ApplicationForm(data={"company_name": bad}), "company_name"),
        (lambda bad: ApplicationForm(data={"contact_name": bad}), "contact_name"),
        (lambda bad: InviteForm(data={"name": bad, "email": "a@example.com"}), "name"),
        (lambda bad: ProfileForm(data={"name": bad}, instance=ExhibitorFactory()), "name"),
        (lambda bad: ProfileForm(data={"contact_name": bad}, instance=ExhibitorFactory()), "contact_name"),
        (lambda bad: ProductForm(data={"name_vi": bad}), "name_vi"),
        (lambda bad: ProductForm(data={"name_vi": "Tôm", "name_en": bad}), "name_en"),
    ],
)
def test_every_name_field_refuses_bidi_controls(form, field):
    with translation.override("vi"):
        bound = form("Công ty \u202eNAHGNOS\u202c Đà Nẵng")
        assert not bound.is_valid()
        assert bound.errors[field] == [VI_MESSAGE]


@pytest.mark.django_db
def test_attendee_and_product_names_are_stored_in_nfc():
    attendee = attendee_form(name=NFD_NAME)
    assert attendee.is_valid(), attendee.errors
    assert attendee.cleaned_data["name"] == NFC_NAME
    product = ProductForm(data={"name_vi": f"Cảm biến ao tôm {NFD_NAME}", "name_en": NFD_NAME})
    product.is_valid()
    assert product.cleaned_data["name_vi"] == f"Cảm biến ao tôm {NFC_NAME}"
    assert product.cleaned_data["name_en"] == NFC_NAME
