"""Secrets handed to clients are recognisable, self-checking, and stored only as digests."""

from domain.tokens import (
    API_KEY_PREFIX,
    STOREFRONT_TOKEN_PREFIX,
    digest,
    display_prefix,
    generate_token,
    has_valid_shape,
)


def test_generated_tokens_carry_their_prefix_and_a_valid_checksum() -> None:
    token = generate_token(API_KEY_PREFIX)
    assert token.startswith("agora_sk_")
    assert has_valid_shape(token, API_KEY_PREFIX)


def test_a_single_changed_character_breaks_the_checksum() -> None:
    token = generate_token(API_KEY_PREFIX)
    for index in range(len(API_KEY_PREFIX), len(token)):
        replacement = "A" if token[index] != "A" else "B"
        typo = token[:index] + replacement + token[index + 1 :]
        assert not has_valid_shape(typo, API_KEY_PREFIX)


def test_a_token_of_one_kind_is_not_accepted_as_another() -> None:
    token = generate_token(STOREFRONT_TOKEN_PREFIX)
    assert not has_valid_shape(token, API_KEY_PREFIX)
    assert not has_valid_shape(token + "x", STOREFRONT_TOKEN_PREFIX)


def test_tokens_are_unique_and_only_a_digest_and_short_prefix_are_kept() -> None:
    tokens = {generate_token(API_KEY_PREFIX) for _ in range(1000)}
    assert len(tokens) == 1000
    token = tokens.pop()
    assert digest(token) != token and len(digest(token)) == 64
    assert display_prefix(token) == token[:13] and len(display_prefix(token)) < len(token) // 3
