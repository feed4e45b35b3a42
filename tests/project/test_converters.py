import pytest

from core.converters import MAX_ID, parse_id


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", 1),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-5", None),
        ("12a", None),
        ("", None),
        (None, None),
        ("٣", None),
        ("9" * 40, None),
    ],
)
def test_parse_id_accepts_only_ids_a_database_can_hold(value, expected):
    assert parse_id(value) == expected


@pytest.mark.django_db
def test_an_id_beyond_64_bits_in_an_api_path_is_a_json_404(client):
    response = client.get(f"/api/v1/events/{MAX_ID + 1}/sessions/")
    assert response.status_code == 404
    assert response.json()["reason"] == "not_found"
    assert client.get("/api/v1/products/?event=68197061641093078166011904").status_code == 200
