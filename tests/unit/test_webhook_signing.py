"""Standard Webhooks signatures: an integrator verifies them with the `standardwebhooks` package."""

import json
import time

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from domain.webhooks.signing import SECRET_PREFIX, generate_secret, headers

BODY = json.dumps({"type": "product.created", "data": {"product": {"id": "x"}}}).encode()


def test_a_signed_message_verifies_with_the_standard_library() -> None:
    # given a fresh secret and a message signed with it now
    secret = generate_secret()
    signed = headers([secret], "msg_1", int(time.time()), BODY)
    # when a receiver verifies it with the reference library, then it passes
    assert Webhook(secret).verify(BODY, signed)["type"] == "product.created"


def test_secrets_look_like_standard_webhooks_secrets_and_differ() -> None:
    first, second = generate_secret(), generate_secret()
    assert first.startswith(SECRET_PREFIX) and first != second


def test_a_tampered_body_or_another_secret_fails_verification() -> None:
    secret = generate_secret()
    signed = headers([secret], "msg_1", int(time.time()), BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY + b" ", signed)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, signed)


def test_during_a_rotation_both_the_old_and_the_new_secret_verify() -> None:
    # given a message signed with the new and the previous secret
    new, old = generate_secret(), generate_secret()
    signed = headers([new, old], "msg_2", int(time.time()), BODY)
    # then it carries two space-separated v1 signatures, and either secret verifies it
    assert len(signed["webhook-signature"].split(" ")) == 2
    assert Webhook(new).verify(BODY, signed)
    assert Webhook(old).verify(BODY, signed)
