"""Codes are random, stored as keyed hashes under a pepper of their own, and shown once; the one
cookie carries no time."""

import base64
import hashlib
import hmac
import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from responses import codes
from responses.models import Response
from tests.responses.conftest import CODE_FORMAT, Html, Respondent, database_text

pytestmark = pytest.mark.django_db


def test_codes_come_from_the_whole_alphabet_at_random():
    drawn = [codes.random_code() for _ in range(2000)]

    assert len(set(drawn)) == 2000
    assert all(CODE_FORMAT.match(codes.format_code(code)) for code in drawn)
    # 24 000 characters from 32: every character appears (each is missing with p < 1e-300).
    assert set("".join(drawn)) == set(codes.ALPHABET)


def test_two_responses_never_share_a_receipt(practice_survey):
    receipts = [
        Respondent(practice_survey, REMOTE_ADDR=f"192.0.2.{n}").complete_as_teacher()
        for n in range(1, 21)
    ]

    assert len(set(receipts)) == 20
    assert Response.objects.filter(receipt_hash__isnull=False).count() == 20


def test_a_stored_hash_is_keyed_with_the_pepper_and_not_with_the_secret_key(respondent, settings):
    receipt = respondent.complete_as_teacher().replace("-", "")
    stored = respondent.record().receipt_hash

    with_pepper = hmac.new(
        settings.CANDOUR_CODE_PEPPER.encode(), receipt.encode(), hashlib.sha256
    ).hexdigest()
    with_secret_key = hmac.new(settings.SECRET_KEY.encode(), receipt.encode(), hashlib.sha256)
    assert stored == with_pepper
    assert stored != with_secret_key.hexdigest()
    assert stored != hashlib.sha256(receipt.encode()).hexdigest()


def test_the_database_and_the_secret_key_together_cannot_produce_a_code(respondent, settings):
    """Whatever is stored, with SECRET_KEY, the old derivation of codes from the response id
    gives nothing that matches: codes are not derived from anything."""
    receipt = respondent.complete_as_teacher().replace("-", "")
    record = respondent.record()

    stored = database_text()
    assert receipt not in stored
    for purpose in ("receipt", "resume"):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), f"candour.{purpose}.{record.id}".encode(), hashlib.sha256
        ).digest()
        number = int.from_bytes(digest[:8], "big")
        derived = ""
        for _ in range(codes.LENGTH):
            number, index = divmod(number, len(codes.ALPHABET))
            derived += codes.ALPHABET[index]
        assert derived != receipt
    assert not hasattr(codes, "derived_code")


def test_a_receipt_is_shown_once_and_then_only_explained(respondent):
    receipt = respondent.complete_as_teacher()

    again = Html(respondent.get("complete/"))

    assert CODE_FORMAT.match(receipt)
    assert again.by_css("candour-code") == []
    assert receipt not in again.html
    assert "we cannot show it again" in again.text


def test_the_cookie_is_signed_without_a_timestamp(respondent):
    started = respondent.start()

    value = started.cookies["candour_response"].value
    payload, signature = value.rsplit(":", 1)
    assert ":" not in payload  # a timestamped value is payload:timestamp:signature
    padded = payload + "=" * (-len(payload) % 4)
    assert json.loads(base64.urlsafe_b64decode(padded)) == {"r": str(respondent.response_id)}
    assert signature


def test_a_changed_cookie_is_ignored(respondent):
    respondent.start()
    value = respondent.client.cookies["candour_response"].value
    respondent.client.cookies["candour_response"] = value[:-1] + ("A" if value[-1] != "A" else "B")

    assert respondent.get("p/1/")["Location"] == "/s/practice/"


@pytest.mark.parametrize(
    "pepper",
    ["candour-development-code-pepper-never-use-in-production", "too-short", "same-as-the-key"],
)
def test_deploy_checks_refuse_a_missing_short_or_reused_pepper(settings, pepper):
    settings.SECRET_KEY = "same-as-the-key" + "x" * 40
    settings.CANDOUR_CODE_PEPPER = settings.SECRET_KEY if pepper == "same-as-the-key" else pepper

    with pytest.raises(SystemCheckError, match=r"candour\.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_deploy_checks_accept_a_long_pepper_of_its_own(settings, capsys):
    settings.CANDOUR_CODE_PEPPER = "p" * 50

    call_command("check", "--deploy", "--fail-level", "CRITICAL")

    assert "candour.E001" not in capsys.readouterr().err
