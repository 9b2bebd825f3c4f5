"""Properties of gift card codes and of paying with a card, over many generated cases."""

from datetime import UTC, datetime
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from domain.money import Money
from domain.payments.gift_card_codes import ALPHABET, normalize_code
from domain.payments.gift_cards import GiftCard, split_payment

codes = st.text(alphabet=ALPHABET, min_size=16, max_size=16)
separators = st.sampled_from(["", "-", " ", " - "])


@given(code=codes, separator=separators, lower=st.booleans())
def test_every_way_of_typing_a_code_reads_as_the_same_code(
    code: str, separator: str, lower: bool
) -> None:
    grouped = separator.join(code[i : i + 4] for i in range(0, 16, 4))
    typed = grouped.lower() if lower else grouped
    assert normalize_code(typed) == code


@given(text=st.text(max_size=40))
def test_anything_read_as_a_code_is_sixteen_characters_of_the_alphabet(text: str) -> None:
    code = normalize_code(text)
    assert code is None or (len(code) == 16 and set(code) <= set(ALPHABET))


def _card(balance: int) -> GiftCard:
    now = datetime.now(UTC)
    return GiftCard(
        uuid4(), uuid4(), "0" * 64, "0000", "EUR", max(balance, 1), balance, None, True, None,
        "", "SYSTEM", None, now, now,
    )  # fmt: skip


@given(
    balances=st.lists(st.integers(min_value=0, max_value=10**9), max_size=8),
    due=st.integers(min_value=0, max_value=10**10),
)
def test_split_cards_never_pay_more_than_due_or_than_a_card_holds(
    balances: list[int], due: int
) -> None:
    cards = [_card(balance) for balance in balances]
    plan = split_payment(cards, Money(due, "EUR"))
    assert sum(part.amount for _, part in plan) == min(due, sum(balances))
    assert all(0 < part.amount <= card.balance_amount for card, part in plan)
    assert len({id(card) for card, _ in plan}) == len(plan)
