"""VietQR payloads (core.vietqr): built to the NAPAS/EMVCo standard, checked against published examples,
and read back by a QR decoder from the image we render."""

import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from core import vietqr
from core.qr import qr_png

# Published example payloads (the README examples of the vietnam-qr-pay and napas-qr-python packages),
# each with the fields it must parse to. Their CRCs were computed by others: a CRC bug here fails them.
PUBLISHED = [
    (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
        "62150811Chuyen tien6304BBB8",
        ("970416", "257678859", 1000, "Chuyen tien", "QRIBFTTA"),
    ),
    (
        "00020101021238540010A00000072701240006970436011010319334300208QRIBFTTA53037045802VN"
        "62220818Thanh toan hoa don6304E8A4",
        ("970436", "1031933430", None, "Thanh toan hoa don", "QRIBFTTA"),
    ),
    (
        "00020101021238630010A00000072701330006970436011997043686255816010180208QRIBFTTC530370454072000000"
        "5802VN6304A2DC",
        ("970436", "9704368625581601018", 2000000, "", "QRIBFTTC"),
    ),
    (
        "00020101021238540010A00000072701240006970436011010319334300208QRIBFTTA53037045802VN630424AB",
        ("970436", "1031933430", None, "", "QRIBFTTA"),
    ),
    (
        "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA5303704540618000058"
        "02VN62340107NPS68690819thanh toan don hang63042E2E",
        ("970403", "0011012345678", 180000, "thanh toan don hang", "QRIBFTTA"),
    ),
    (
        "00020101021238540010A00000072701240006970436011010319334300208QRIBFTTA53037045405500005802VN"
        "62140810Thanh toan630438A6",
        ("970436", "1031933430", 50000, "Thanh toan", "QRIBFTTA"),
    ),
    (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F",
        ("970416", "257678859", None, "", "QRIBFTTA"),
    ),
]


@pytest.mark.parametrize(("payload", "expected"), PUBLISHED)
def test_published_examples_parse_with_a_valid_crc(payload, expected):
    parsed = vietqr.parse(payload)
    assert (parsed.bank_bin, parsed.account, parsed.amount, parsed.purpose, parsed.service) == expected
    assert parsed.currency == "704" and parsed.country == "VN"


def test_crc16_ccitt_check_value():
    # The catalogue check value of CRC-16/CCITT-FALSE over "123456789".
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1


def test_build_reproduces_a_published_payload_byte_for_byte():
    built = vietqr.build(bank_bin="970416", account="257678859", amount=1000, purpose="Chuyen tien")
    assert built == PUBLISHED[0][0]


def test_build_for_an_order_then_parse_back():
    payload = vietqr.build(
        bank_bin="970436", account="0071000123456", amount=1_500_000, purpose="DTD 7KQ2M9XA"
    )
    parsed = vietqr.parse(payload)
    assert parsed.dynamic and parsed.amount == 1_500_000 and parsed.purpose == "DTD 7KQ2M9XA"
    assert parsed.bank_name == "Vietcombank" and parsed.fields["38"].startswith("0010A000000727")


def test_purpose_is_ascii_without_diacritics():
    payload = vietqr.build(bank_bin="970436", account="123", amount=1, purpose="Đăng ký hội thảo – ĐN!")
    assert vietqr.parse(payload).purpose == "Dang ky hoi thao DN"


@pytest.mark.parametrize(
    "tampered",
    [
        PUBLISHED[0][0][:-1] + "9",  # CRC changed
        PUBLISHED[0][0].replace("54041000", "54049000"),  # amount changed, CRC kept
        PUBLISHED[0][0][:-8],  # no CRC field
        "hello",
    ],
)
def test_tampered_payloads_are_refused(tampered):
    with pytest.raises(vietqr.VietQRError):
        vietqr.parse(tampered)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bank_bin": "97043", "account": "1"},
        {"bank_bin": "970436", "account": "12 34"},
        {"bank_bin": "970436", "account": "1", "amount": 0},
        {"bank_bin": "970436", "account": "1", "amount": 10.5},
    ],
)
def test_bad_input_is_refused(kwargs):
    with pytest.raises(vietqr.VietQRError):
        vietqr.build(**kwargs)


def test_rendered_qr_decodes_to_the_same_payload():
    payload = vietqr.build(bank_bin="970422", account="0905123456", amount=500_000, purpose="DTD ABCD2345")
    image = Image.open(io.BytesIO(qr_png(payload, box_size=6)))
    decoded = zxingcpp.read_barcodes(image)[0].text
    parsed = vietqr.parse(decoded)
    assert decoded == payload and parsed.amount == 500_000 and parsed.purpose == "DTD ABCD2345"


# --- links that open a banking app on a phone ------------------------------------------------------


def test_app_links_carry_account_amount_note_and_name():
    links = vietqr.app_links(
        bank_bin="970436",
        account="0071000123456",
        amount=500_000,
        note="DTD 7KQ2M9XA",
        account_name="Sở TT&TT Đà Nẵng",
        return_url="https://ngaychuyendoiso.danang.gov.vn/vi/registration/abc/pay/bank/",
    )
    by_app = {link.app_id: link for link in links}
    assert by_app["mb"].url == (
        "https://dl.vietqr.io/pay?app=mb&ba=0071000123456@vcb&am=500000&tn=DTD%207KQ2M9XA"
        "&bn=SO%20TT%20TT%20DA%20NANG&url=https://ngaychuyendoiso.danang.gov.vn/vi/registration/abc/pay/bank/"
    )
    # Read back as a browser would: the scheme's own parameters, the receiving bank by its code.
    query = parse_qs(urlsplit(by_app["vcb"].url).query)
    assert query["app"] == ["vcb"] and query["ba"] == ["0071000123456@vcb"]
    assert query["am"] == ["500000"] and query["tn"] == ["DTD 7KQ2M9XA"]
    assert by_app["mb"].name == "MB Bank" and by_app["mb"].autofill and not by_app["vcb"].autofill


def test_app_links_without_amount_or_return_link():
    links = vietqr.app_links(bank_bin="970422", account="0905123456", amount=None, note="DTD GH7K3M9QX")
    query = parse_qs(urlsplit(links[0].url).query)
    assert "am" not in query and "url" not in query and query["ba"] == ["0905123456@mb"]
    # A return link that would spill into the scheme's own parameters is left out.
    odd = vietqr.app_links(
        bank_bin="970422", account="0905123456", amount=1, note="x", return_url="https://x.vn/?a=1&app=evil"
    )
    assert "evil" not in odd[0].url


def test_no_links_for_a_bank_the_list_has_no_code_for_or_a_bad_account():
    assert vietqr.app_links(bank_bin="999999", account="0905123456", amount=1, note="x") == []
    assert vietqr.app_links(bank_bin="970422", account="09 05&app=x", amount=1, note="x") == []


def test_bundled_app_list_is_well_formed():
    data = json.loads((Path(vietqr.__file__).with_name("vietqr_apps.json")).read_text(encoding="utf-8"))
    assert data["link"] == "https://dl.vietqr.io/pay"
    assert set(data["bank_codes"]) <= set(vietqr.BANKS)  # codes only for banks the admin offers
    ids = [app["id"] for app in data["apps"]]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert {app["id"] for app in data["apps"] if app["autofill"]} == {"ocb", "acb", "bidv", "icb", "mb"}
