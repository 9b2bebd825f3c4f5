"""Stored JSON is read exactly as the standard parser reads it, only faster."""

import json

from hypothesis import given
from hypothesis import strategies as st

from persistence.database import json_loads

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(values)
def test_any_stored_value_reads_back_as_the_standard_parser_reads_it(value: object) -> None:
    text = json.dumps(value)
    assert json_loads(text) == json.loads(text)
    assert json_loads(text.encode()) == json.loads(text)


def test_integers_past_64_bits_stay_exact() -> None:
    big = 10**30 + 1
    assert json_loads(json.dumps({"amount": big})) == {"amount": big}


def test_what_orjson_refuses_is_read_as_the_standard_parser_reads_it() -> None:
    assert json.dumps(float("nan")) == "NaN"
    read = json_loads('{"x": NaN, "y": Infinity, "s": "\\ud800"}')
    assert read["y"] == float("inf") and read["x"] != read["x"] and read["s"] == "\ud800"
