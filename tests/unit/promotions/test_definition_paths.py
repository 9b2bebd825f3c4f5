"""A userError found in the stored JSON form of a typed promotion input names the typed
input's path (resolvers/promotions/definitions.py)."""

import pytest

from resolvers.promotions.definitions import typed_field

ACTION = {"type": "Tiered", "tiers": [{"threshold": {}, "amount": {}}]}
CONDITION = {
    "type": "AnyOf",
    "conditions": [
        {"type": "CodeEntered"},
        {"type": "AllOf", "conditions": [{"type": "MinSubtotal", "amount": {}}]},
    ],
}


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("action.tiers.0.amount.currency", "action.tiered.tiers.0.amount.currencyCode"),
        ("action", "action.tiered"),
        ("condition.conditions.0", "condition.any.0.codeEntered"),
        (
            "condition.conditions.1.conditions.0.amount",
            "condition.any.1.all.0.minSubtotal.amount",
        ),
        ("condition", "condition.any"),
        ("currency", "currency"),
        ("name", "name"),
        (None, None),
    ],
)
def test_a_stored_path_becomes_the_typed_inputs_path(stored: str | None, typed: str) -> None:
    assert typed_field(stored, ACTION, CONDITION) == typed


def test_a_condition_path_without_a_condition_is_kept() -> None:
    assert typed_field("condition", ACTION, None) == "condition"
