"""Properties of gift card codes and of paying with a card, over many generated cases."""

from hypothesis import given
from hypothesis import strategies as st

from domain.payments.gift_card_codes import ALPHABET, normalize_code

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
